import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, onTestFinished } from "vitest";
import { runCommand } from "../../qualification/shared/process/run-command.ts";
import { resolveOptions, SUITE_ROOT, type QualifyOptions } from "../../qualification/shared/options/resolve-options.ts";

export const EXAMPLE_PLATFORM = join(SUITE_ROOT, "fixtures/example-platform");
export const EXAMPLE_PROBES = join(SUITE_ROOT, "probes/autocapture-nx-example");

const outsideTests: string[] = [];
process.once("exit", () => {
  for (const dir of outsideTests) rmSync(dir, { recursive: true, force: true });
});

/**
 * A fresh temp dir removed when the current test finishes (or, when made in a hook, when the worker exits).
 * The one place tests get scratch space.
 */
export function tempDir(label = "qualify-test"): string {
  const dir = mkdtempSync(join(tmpdir(), `${label}-`));
  try {
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  } catch {
    outsideTests.push(dir);
  }
  return dir;
}

/** A private copy of the example platform (and optionally the probe catalog) to mutate; never the original. */
export function copyExample(options: { probes?: boolean } = {}): { root: string; probes: string; out: string } {
  const base = tempDir("example");
  const root = join(base, "platform");
  cpSync(EXAMPLE_PLATFORM, root, { recursive: true, filter: (src) => !src.includes("__pycache__") });
  const probes = join(base, "probes");
  if (options.probes) cpSync(EXAMPLE_PROBES, probes, { recursive: true });
  return { root, probes: options.probes ? probes : EXAMPLE_PROBES, out: join(base, "out") };
}

export function optionsFor(target: string, extra: Record<string, string> = {}): QualifyOptions {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? "", QUALIFY_TARGET: target, ...extra };
  return resolveOptions(env, SUITE_ROOT);
}

/** Applies `edit` to a JSON file of a COPY (never the committed example), written back 2-space indented. */
export function editJson(root: string, rel: string, edit: (value: Record<string, any>) => void): void {
  const path = join(root, rel);
  const value = JSON.parse(readFileSync(path, "utf8")) as Record<string, any>;
  edit(value);
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Re-locks a copy of the example with the platform's own tool (`tools/update_plugin_locks.py`), as a user does
 * after editing a plugin, so a test's edit reaches the checks after hash_ok; the tool's stderr is the failure.
 */
export async function relockWithPlatformTool(root: string): Promise<void> {
  const relock = await runCommand({
    file: "python3",
    args: ["tools/update_plugin_locks.py"],
    cwd: root,
    env: { PATH: process.env.PATH ?? "", PYTHONDONTWRITEBYTECODE: "1" },
    timeoutMs: 60_000,
  });
  expect(relock.exitCode, relock.stderr).toBe(0);
}
