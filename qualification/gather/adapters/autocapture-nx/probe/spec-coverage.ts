import { rmSync } from "node:fs";
import { join } from "node:path";
import { platformRunDir } from "../../../../shared/io/platform-run-dir.ts";
import { runCommand } from "../../../../shared/process/run-command.ts";
import { untrackDir } from "../../../../shared/process/run-resources.ts";
import type { CoverageAnswer, CoverageRequest } from "../../strength-port.ts";
import { PROBE_RUNNER } from "./probe-runner-path.ts";

/**
 * Which lines of `files` the platform's load, the spec's setup and its steps' calls execute
 * (`probe_runner.py --coverage`), in fresh dirs laid out as the probe hosts' are.
 */
export async function specCoverage(request: CoverageRequest): Promise<CoverageAnswer> {
  const { runDir, configDir, dataDir, workDir } = platformRunDir("qualify-coverage-");
  try {
    const absolute = request.files.map((file) => join(request.root, file));
    const run = await runCommand({
      file: request.python,
      args: [
        PROBE_RUNNER,
        "--root",
        request.root,
        "--coverage",
        ...(request.settings ? ["--settings", JSON.stringify({ [request.pluginId]: request.settings })] : []),
      ],
      cwd: workDir,
      env: {
        ...request.platformEnv,
        PATH: process.env.PATH ?? "",
        PYTHONDONTWRITEBYTECODE: "1",
        AUTOCAPTURE_ROOT: request.root,
        AUTOCAPTURE_CONFIG_DIR: configDir,
        AUTOCAPTURE_DATA_DIR: dataDir,
      },
      input: JSON.stringify({ plugin: request.pluginId, setup: request.setup, steps: request.steps, files: absolute }),
      timeoutMs: request.timeoutMs,
    });
    const line = run.stdout.trim().split("\n").at(-1) ?? "";
    let payload: { ok?: unknown; covered?: Record<string, number[]>; error?: unknown; error_type?: unknown };
    try {
      payload = JSON.parse(line) as typeof payload;
    } catch {
      return {
        ok: false,
        error: `${run.display} exited ${run.exitCode} without an answer: ${run.stderr.trim().split("\n").at(-1) ?? run.spawnError ?? ""}`,
      };
    }
    if (payload.ok !== true || !payload.covered)
      return {
        ok: false,
        error: `${String(payload.error_type ?? "error")}: ${String(payload.error ?? "no coverage")}`,
      };
    const covered = new Map<string, ReadonlySet<number>>();
    for (const [index, file] of request.files.entries())
      covered.set(file, new Set(payload.covered[absolute[index]!] ?? []));
    return { ok: true, covered };
  } finally {
    rmSync(runDir, { recursive: true, force: true });
    untrackDir(runDir);
  }
}
