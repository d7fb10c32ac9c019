import { appendFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { runCommand } from "../../../shared/process/run-command.ts";

const LOCKFILE = "config/plugin_locks.json";

async function python(root: string, args: string[]): Promise<string> {
  const run = await runCommand({
    file: "python3",
    args,
    cwd: root,
    env: { PYTHONDONTWRITEBYTECODE: "1" },
    timeoutMs: 60_000,
  });
  if (run.exitCode !== 0) throw new Error(`${run.display} exited ${run.exitCode}: ${run.stderr}`);
  return run.stdout;
}

/** The example platform's own writer (`tools/update_plugin_locks.py`) run on a copy: the reference bytes. */
export async function platformLockfileBytes(root: string): Promise<Buffer> {
  await python(root, ["tools/update_plugin_locks.py"]);
  return readFileSync(join(root, LOCKFILE));
}

/**
 * The example platform's signer with the public test key (root bytes 00..1f, `test-key-1`; written into `keyring`
 * first).
 */
export async function platformSign(root: string, keyring: string, out: string): Promise<Record<string, unknown>> {
  await python(root, ["tools/sign_plugin_locks.py", "--keyring", keyring, "--init-test-keyring", "--out", out]);
  return JSON.parse(readFileSync(out, "utf8")) as Record<string, unknown>;
}

/** A reviewed-looking edit to one plugin's code: its artifact hash drifts, its manifest hash does not. */
export function editPlugin(root: string, dir: string, line = "# reviewed change"): void {
  appendFileSync(join(root, "plugins/builtin", dir, "plugin.py"), `${line}\n`);
}

export const lockfileOf = (root: string): Buffer => readFileSync(join(root, LOCKFILE));
export const LOCKFILE_REL = LOCKFILE;
export const HISTORY_REL = "config/plugin_locks.history";
