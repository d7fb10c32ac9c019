import type { BenchResults, Goal, SizeResult } from "./bench-results.ts";

const GIB = 1024 ** 3;
const f = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const us = (ms: number): string => `${(ms * 1000).toFixed(0)} µs`;

/**
 * What Vitest and the generated tests add to the work, in CPU time: test:qualify minus the same qualification run
 * without Vitest.
 */
export const vitestCpuOf = (r: SizeResult): number => r.e2e.cpu_ms - r.e2e.work_cpu_ms;
/** Marginal cost per test between two sizes: fixed costs (startup, module loading) cancel out. */
const perTest = (big: SizeResult, small: SizeResult, cost: (r: SizeResult) => number): number =>
  (cost(big) - cost(small)) / Math.max(1, big.e2e.tests - small.e2e.tests);

/**
 * The goals, from one run's figures. Each is judged at the largest size measured (10,000 plugins in a
 * full run); linearity and the per-test cost compare the two largest sizes (linearity normalised by their
 * plugin ratio: 10k vs 1k ≤ 11× is ≤ 1.1 per unit of growth; the per-test cost as the marginal cost of the
 * added tests, so fixed startup costs cancel), and the watch re-run is judged at the size it was measured at.
 * Cost is CPU time (the whole process tree's, Python included) where two runs are compared: on a shared
 * machine wall time swings with other load, CPU time far less; wall times are shown beside it.
 */
export function judgeGoals(sizes: readonly SizeResult[], watch: BenchResults["watch"]): Goal[] {
  const sorted = [...sizes].sort((a, b) => a.plugins - b.plugins);
  const big = sorted.at(-1)!;
  const small = sorted.at(-2) ?? big;
  const goal = (
    id: Goal["id"],
    label: string,
    value: number,
    limit: number,
    basis: string,
    unit: Goal["unit"] = "ratio",
  ): Goal => ({ id, label, value, limit, unit, met: value <= limit, basis });
  const floor = big.hashing.sha256sum_ms + big.static.cli_ms;
  const growth = big.plugins / small.plugins;
  const suitePerTest = perTest(big, small, vitestCpuOf);
  const barePerTest = perTest(big, small, (r) => r.bare.cpu_ms);
  return [
    goal(
      "hashing",
      `hashing vs sha256sum (${big.plugins} plugins)`,
      big.hashing.suite_ms / big.hashing.sha256sum_ms,
      1.25,
      `${f(big.hashing.suite_ms)} / ${f(big.hashing.sha256sum_ms)} over ${big.files} files (medians)`,
    ),
    goal(
      "static",
      `static qualification vs floor (${big.plugins} plugins)`,
      big.static.suite_ms / floor,
      1.5,
      `${f(big.static.suite_ms)} / (${f(big.hashing.sha256sum_ms)} sha256sum + ${f(big.static.cli_ms)} platform CLI)`,
    ),
    goal(
      "linear",
      `test:qualify cost, ${big.plugins} vs ${small.plugins} plugins, per ${growth}× plugins`,
      big.e2e.cpu_ms / small.e2e.cpu_ms / growth,
      1.1,
      `CPU ${f(big.e2e.cpu_ms)} / ${f(small.e2e.cpu_ms)} = ${(big.e2e.cpu_ms / small.e2e.cpu_ms).toFixed(2)}× (wall ${f(big.e2e.wall_ms)} / ${f(small.e2e.wall_ms)} = ${(big.e2e.wall_ms / small.e2e.wall_ms).toFixed(2)}×) for ${growth}× plugins`,
    ),
    goal(
      "per_test_overhead",
      `Vitest cost per test vs bare Vitest (${small.e2e.tests} → ${big.e2e.tests} tests)`,
      suitePerTest / barePerTest,
      1.3,
      `CPU per added test: ${us(suitePerTest)} (test:qualify minus the same work without Vitest) vs ${us(barePerTest)} (bare Vitest, same tests)`,
    ),
    goal(
      "watch_rerun",
      `one-plugin watch re-run, platform inputs unchanged, vs full run (${watch.plugins} plugins)`,
      watch.rerun_ms / watch.full_ms,
      0.1,
      `${f(watch.rerun_ms)} / ${f(watch.full_ms)} wall`,
    ),
    goal(
      "watch_rerun_edit",
      `one-plugin watch re-run after a code edit vs full run (${watch.plugins} plugins)`,
      watch.edit_rerun_ms / watch.full_ms,
      0.1,
      `${f(watch.edit_rerun_ms)} / ${f(watch.full_ms)} wall`,
    ),
    goal(
      "peak_rss",
      `peak RSS of test:qualify (${big.plugins} plugins)`,
      big.e2e.peak_rss_bytes / GIB,
      1.5,
      `whole process tree, sampled every 200 ms`,
      "GiB",
    ),
  ];
}
