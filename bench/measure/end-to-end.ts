import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { FinalReport } from "../../contracts/final-report.ts";
import { SUITE_ROOT } from "../../qualification/shared/options/resolve-options.ts";
import { VITEST } from "./bench-env.ts";
import { runMeasured, type MeasuredRun } from "./run-measured.ts";

const TSX = join(SUITE_ROOT, "node_modules/tsx/dist/cli.mjs");

/**
 * One real `vitest run --mode qualify` (what `pnpm test:qualify` runs), start to exit, with the number of tests
 * it ran. With `cpuProfileDir` (--profile) the test file runs in a worker thread rather than a forked process:
 * V8 writes a profile per thread at exit, while a fork worker is killed before it can (and NODE_OPTIONS refuses
 * --cpu-prof).
 */
export async function runTestQualify(
  env: Record<string, string>,
  workDir: string,
  plugins: number,
  cpuProfileDir: string | null = null,
): Promise<{ run: MeasuredRun; tests: number }> {
  const out = env.QUALIFY_OUT!;
  rmSync(out, { recursive: true, force: true });
  const log = join(workDir, `e2e-${plugins}.log`);
  const run = await runMeasured({
    file: process.execPath,
    args: [
      ...(cpuProfileDir ? [`--cpu-prof`, `--cpu-prof-dir=${cpuProfileDir}`] : []),
      VITEST,
      "run",
      "--mode",
      "qualify",
      ...(cpuProfileDir ? ["--pool=threads"] : []),
    ],
    cwd: SUITE_ROOT,
    env,
    logFile: log,
    timeoutMs: 60 * 60_000,
  });
  const finalPath = join(out, "final.json");
  if (run.timedOut || !existsSync(finalPath))
    throw new Error(
      `test:qualify at ${plugins} plugins wrote no final.json (exit ${run.exitCode}${run.timedOut ? ", timed out" : ""}); see ${log}`,
    );
  const final = JSON.parse(readFileSync(finalPath, "utf8")) as FinalReport;
  if (final.summary.plugins_total !== plugins)
    throw new Error(`test:qualify at ${plugins} plugins judged ${final.summary.plugins_total}`);
  return { run, tests: final.summary.tests_emitted + Object.keys(final.run_checks).length };
}

/** The same qualification and outputs without Vitest (bench/measure/work-child.ts), as its own process. */
export async function runWork(env: Record<string, string>, workDir: string, plugins: number): Promise<MeasuredRun> {
  const log = join(workDir, `work-${plugins}.log`);
  const run = await runMeasured({
    file: process.execPath,
    args: [TSX, join(SUITE_ROOT, "bench/measure/work-child.ts")],
    cwd: SUITE_ROOT,
    env: { ...env, QUALIFY_OUT: `${env.QUALIFY_OUT}-work` },
    logFile: log,
    timeoutMs: 60 * 60_000,
  });
  if (run.exitCode !== 0)
    throw new Error(`the qualification without Vitest at ${plugins} plugins failed (exit ${run.exitCode}); see ${log}`);
  return run;
}

/** The bare-Vitest baseline: the same number of trivial tests in the same shape (bench/bare/). */
export async function runBareVitest(plugins: number, workDir: string): Promise<MeasuredRun> {
  const log = join(workDir, `bare-${plugins}.log`);
  const run = await runMeasured({
    file: process.execPath,
    args: [VITEST, "run", "--config", join(SUITE_ROOT, "bench/bare/vitest.config.ts")],
    cwd: SUITE_ROOT,
    env: { CI: "true", BENCH_PLUGINS: String(plugins) },
    logFile: log,
    timeoutMs: 60 * 60_000,
  });
  const expected = plugins * 6 + 8;
  if (!new RegExp(`\\(${expected}\\)`).test(run.log()))
    throw new Error(`bare Vitest at ${plugins} plugins did not run ${expected} tests; see ${log}`);
  return run;
}
