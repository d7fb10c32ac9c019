import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { runCommand } from "../../../../shared/process/run-command.ts";
import type { MutationSite } from "../../strength-port.ts";
import { PROBE_RUNNER } from "./probe-runner-path.ts";

const MUTATOR = join(dirname(PROBE_RUNNER), "mutate_plugin.py");
const ORACLE = join(dirname(PROBE_RUNNER), "platform_oracle.py");

export class MutantError extends Error {
  readonly code = "MUTANT_FAILED";
}

async function python(pythonBin: string, args: string[], root: string): Promise<string> {
  const run = await runCommand({
    file: pythonBin,
    args,
    cwd: root,
    env: { PATH: process.env.PATH ?? "", PYTHONDONTWRITEBYTECODE: "1", PYTHONPATH: root, AUTOCAPTURE_ROOT: root },
    timeoutMs: 60_000,
  });
  if (run.exitCode !== 0)
    throw new MutantError(
      `${run.display} exited ${run.exitCode}: ${run.stderr.trim().split("\n").at(-1) ?? run.spawnError}`,
    );
  return run.stdout;
}

/**
 * Every mutation site of the plugin's code (`mutate_plugin.py --list`): its own Python files in name order, then
 * the classes and functions they import from the target's own modules (one hop; a wrapper plugin's behaviour
 * lives there), file by file.
 */
export async function mutationSites(pythonBin: string, root: string, pluginDir: string): Promise<MutationSite[]> {
  const files = readdirSync(join(root, pluginDir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(".py") && !e.parentPath.includes("__pycache__"))
    .map((e) => join(e.parentPath, e.name).slice(root.length + 1))
    .sort();
  const sites: MutationSite[] = [];
  for (const file of files) {
    const listed = JSON.parse(await python(pythonBin, [MUTATOR, "--list", join(root, file)], root)) as Array<
      Omit<MutationSite, "file">
    >;
    sites.push(...listed.map((s) => ({ ...s, file })));
  }
  const imported = JSON.parse(
    await python(pythonBin, [MUTATOR, "--imports", join(root, pluginDir), "--root", root], root),
  ) as Array<{ file: string; names: string[] }>;
  for (const { file, names } of imported) {
    const listed = JSON.parse(
      await python(pythonBin, [MUTATOR, "--list", join(root, file), "--within", names.join(",")], root),
    ) as Array<Omit<MutationSite, "file">>;
    sites.push(...listed.map((s) => ({ ...s, file, within: names })));
  }
  return sites;
}

/** Applies one site to a COPY of the target and re-locks the plugin with the platform's own hashing. */
export async function applyMutant(
  pythonBin: string,
  copyRoot: string,
  site: MutationSite,
  pluginId: string,
): Promise<void> {
  const within = site.within ? ["--within", site.within.join(",")] : [];
  await python(
    pythonBin,
    [MUTATOR, "--apply", join(copyRoot, site.file), "--site", String(site.site), ...within],
    copyRoot,
  );
  await python(pythonBin, [ORACLE, "--root", copyRoot, "--relock", pluginId], copyRoot);
}
