import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { FinalReport } from "../../contracts/final-report.ts";
import { SUITE_ROOT } from "../../qualification/options/resolve-options.ts";
import type { SizeResult } from "../bench-results.ts";
import { VITEST } from "./bench-env.ts";
import { runMeasured } from "./run-measured.ts";

const TSX = join(SUITE_ROOT, "node_modules/tsx/dist/cli.mjs");

/**
 * `vitest run --mode qualify` (what `pnpm test:qualify` runs), start to exit: wall and CPU time (whole tree),
 * peak tree RSS; and the same qualification without Vitest (bench/measure/work-child.ts): the work the tests wrap.
 */
export type EndToEndFigures = SizeResult["e2e"];

/** One real `test:qualify` of the platform, timed with its peak memory, plus the same work done in-process. */
export async function measureEndToEnd(env: Record<string, string>, workDir: string, plugins: number, cpuProfileDir: string | null): Promise<EndToEndFigures> {
  const out = env.QUALIFY_OUT!;
  rmSync(out, { recursive: true, force: true });
  const run = await runMeasured({
    file: process.execPath,
    // Profiling (--profile) runs the test file in a worker thread rather than a forked process: V8 writes a profile
    // per thread at exit, while a fork worker is killed before it can (and NODE_OPTIONS refuses --cpu-prof).
    args: [...(cpuProfileDir ? [`--cpu-prof`, `--cpu-prof-dir=${cpuProfileDir}`] : []), VITEST, "run", "--mode", "qualify", ...(cpuProfileDir ? ["--pool=threads"] : [])],
    cwd: SUITE_ROOT,
    env,
    logFile: join(workDir, `e2e-${plugins}.log`),
    timeoutMs: 60 * 60_000,
  });
  const finalPath = join(out, "final.json");
  if (run.timedOut || !existsSync(finalPath)) throw new Error(`test:qualify at ${plugins} plugins wrote no final.json (exit ${run.exitCode}${run.timedOut ? ", timed out" : ""}); see ${join(workDir, `e2e-${plugins}.log`)}`);
  const final = JSON.parse(readFileSync(finalPath, "utf8")) as FinalReport;
  if (final.summary.plugins_total !== plugins) throw new Error(`test:qualify at ${plugins} plugins judged ${final.summary.plugins_total}`);
  const work = await runMeasured({
    file: process.execPath,
    args: [TSX, join(SUITE_ROOT, "bench/measure/work-child.ts")],
    cwd: SUITE_ROOT,
    env: { ...env, QUALIFY_OUT: `${out}-work` },
    logFile: join(workDir, `work-${plugins}.log`),
    timeoutMs: 60 * 60_000,
  });
  if (work.exitCode !== 0) throw new Error(`the in-process qualification at ${plugins} plugins failed (exit ${work.exitCode}); see ${join(workDir, `work-${plugins}.log`)}`);
  const tests = final.summary.tests_emitted + Object.keys(final.run_checks).length;
  return { wall_ms: run.wallMs, cpu_ms: run.cpuMs, peak_rss_bytes: run.peakRssBytes, tests, work_wall_ms: work.wallMs, work_cpu_ms: work.cpuMs };
}

/** The bare-Vitest baseline: the same number of trivial tests in the same shape (bench/bare/). */
export async function measureBareVitest(plugins: number, workDir: string): Promise<SizeResult["bare"]> {
  const run = await runMeasured({
    file: process.execPath,
    args: [VITEST, "run", "--config", join(SUITE_ROOT, "bench/bare/vitest.config.ts")],
    cwd: SUITE_ROOT,
    env: { CI: "true", BENCH_PLUGINS: String(plugins) },
    logFile: join(workDir, `bare-${plugins}.log`),
    timeoutMs: 60 * 60_000,
  });
  const expected = plugins * 6 + 8;
  if (!new RegExp(`\\(${expected}\\)`).test(run.log())) throw new Error(`bare Vitest at ${plugins} plugins did not run ${expected} tests; see ${join(workDir, `bare-${plugins}.log`)}`);
  return { wall_ms: run.wallMs, cpu_ms: run.cpuMs, peak_rss_bytes: run.peakRssBytes };
}
