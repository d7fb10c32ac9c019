import type { SizeResult } from "../bench-results.ts";
import { runBareVitest, runTestQualify, runWork } from "./end-to-end.ts";
import type { MeasuredRun } from "./run-measured.ts";
import { median } from "./timing.ts";

/**
 * test:qualify, the same work without Vitest, and bare Vitest with as many trivial tests, `repeats` rounds in
 * alternating order (so load from other processes falls on all three alike). Times are medians; the peak RSS is
 * the largest seen, the figure a machine must have room for.
 */
export async function measureVitestCosts(
  env: Record<string, string>,
  workDir: string,
  plugins: number,
  repeats: number,
): Promise<Pick<SizeResult, "e2e" | "bare">> {
  const e2e: MeasuredRun[] = [];
  const work: MeasuredRun[] = [];
  const bare: MeasuredRun[] = [];
  let tests = 0;
  const steps: Array<() => Promise<void>> = [
    async () => {
      const measured = await runTestQualify(env, workDir, plugins);
      e2e.push(measured.run);
      tests = measured.tests;
    },
    async () => void work.push(await runWork(env, workDir, plugins)),
    async () => void bare.push(await runBareVitest(plugins, workDir)),
  ];
  for (let round = 0; round < repeats; round++)
    for (const step of round % 2 === 0 ? steps : [...steps].reverse()) await step();
  const wall = (runs: MeasuredRun[]) => runs.map((r) => r.wallMs);
  const cpu = (runs: MeasuredRun[]) => runs.map((r) => r.cpuMs);
  return {
    e2e: {
      wall_ms: median(wall(e2e)),
      cpu_ms: median(cpu(e2e)),
      peak_rss_bytes: Math.max(...e2e.map((r) => r.peakRssBytes)),
      tests,
      work_wall_ms: median(wall(work)),
      work_cpu_ms: median(cpu(work)),
      samples: { wall_ms: wall(e2e), cpu_ms: cpu(e2e), work_wall_ms: wall(work), work_cpu_ms: cpu(work) },
    },
    bare: {
      wall_ms: median(wall(bare)),
      cpu_ms: median(cpu(bare)),
      peak_rss_bytes: Math.max(...bare.map((r) => r.peakRssBytes)),
      samples: { wall_ms: wall(bare), cpu_ms: cpu(bare) },
    },
  };
}
