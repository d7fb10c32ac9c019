import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SUITE_ROOT } from "../../qualification/options/resolve-options.ts";
import { VITEST } from "./bench-env.ts";
import { killGroup, runMeasured } from "./run-measured.ts";
import { median } from "./timing.ts";

/** Re-runs timed per measurement; the median is reported. */
const RERUNS = 3;

export interface WatchFigures {
  readonly plugin_id: string;
  /** `pnpm test:qualify --watch -t <id>`: from saving a file of that plugin to the re-run's verdict line (median of 3). */
  readonly rerun_ms: number;
  /** `pnpm test:qualify -t <id>` from a cold start (a new process), for comparison. */
  readonly cold_filtered_ms: number;
}

/** The reporter's line at the end of every run (a filtered run is reported as partial). */
const runEnds = (text: string): number => text.match(/qualification: (OK|NOT OK) .*\(partial run\)/g)?.length ?? 0;

/**
 * What a developer fixing one plugin gets: Vitest in watch mode filtered to that plugin; the plugin's module is
 * re-saved (same bytes, so the verdicts stay what they were) and each re-run is timed until its verdict line.
 */
export async function measureWatchRerun(env: Record<string, string>, pluginId: string, pluginDir: string, workDir: string): Promise<WatchFigures> {
  const cold = await runMeasured({
    file: process.execPath,
    args: [VITEST, "run", "--mode", "qualify", "-t", pluginId],
    cwd: SUITE_ROOT,
    env,
    logFile: join(workDir, `filtered-${pluginId}.log`),
    timeoutMs: 30 * 60_000,
  });
  if (runEnds(cold.log()) !== 1) throw new Error(`the filtered run of ${pluginId} printed no verdict line; see ${join(workDir, `filtered-${pluginId}.log`)}`);

  const file = join(pluginDir, "plugin.py");
  const bytes = readFileSync(file);
  let seen = "";
  let handled = 1;
  let savedAt = 0;
  const reruns: number[] = [];
  const watch = await runMeasured({
    file: process.execPath,
    args: [VITEST, "--mode", "qualify", "--watch", "-t", pluginId],
    cwd: SUITE_ROOT,
    env: { ...env, CI: "" },
    logFile: join(workDir, `watch-${pluginId}.log`),
    timeoutMs: 30 * 60_000,
    onOutput(text, child) {
      seen += text;
      const ends = runEnds(seen);
      if (ends < handled) return;
      if (ends > 1) reruns.push(performance.now() - savedAt);
      handled = ends + 1;
      if (reruns.length === RERUNS) return killGroup(child.pid);
      // Let the watcher settle after a run, then save the plugin's module unchanged.
      setTimeout(() => {
        savedAt = performance.now();
        writeFileSync(file, bytes);
      }, 2_000);
    },
  });
  if (reruns.length < RERUNS) throw new Error(`watch mode re-ran ${pluginId} ${reruns.length} of ${RERUNS} times after its file was saved (exit ${watch.exitCode}); see ${join(workDir, `watch-${pluginId}.log`)}`);
  return { plugin_id: pluginId, rerun_ms: median(reruns), cold_filtered_ms: cold.wallMs };
}
