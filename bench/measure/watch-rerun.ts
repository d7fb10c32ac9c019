import { randomUUID } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SUITE_ROOT } from "../../qualification/shared/options/resolve-options.ts";
import { VITEST } from "./bench-env.ts";
import { killGroup, runMeasured } from "./run-measured.ts";
import { median } from "./timing.ts";

/** Re-runs timed per measurement; the median is reported. */
const RERUNS = 3;

export interface WatchFigures {
  readonly plugin_id: string;
  /**
   * `pnpm test:qualify --watch -t <id>`: from saving the plugin's module with the same bytes to the re-run's
   * verdict line (median of 3). The platform's inputs are unchanged, as after editing only a probe spec.
   */
  readonly rerun_ms: number;
  /** The same after a real edit of the module (a new comment line each time): the platform is asked again. */
  readonly edit_rerun_ms: number;
  /** `pnpm test:qualify -t <id>` from a cold start (a new process), for comparison. */
  readonly cold_filtered_ms: number;
}

/** The reporter's line at the end of every run (a filtered run is reported as partial). */
const runEnds = (text: string): number => text.match(/qualification: (OK|NOT OK) \(filtered run\)/g)?.length ?? 0;

/**
 * What a developer fixing one plugin gets: Vitest in watch mode filtered to that plugin. The plugin's module is
 * first re-saved unchanged three times (each re-run timed until its verdict line), then edited three times;
 * its original bytes are put back at the end, whatever happens.
 */
export async function measureWatchRerun(
  env: Record<string, string>,
  pluginId: string,
  pluginDir: string,
  workDir: string,
): Promise<WatchFigures> {
  const cold = await runMeasured({
    file: process.execPath,
    args: [VITEST, "run", "--mode", "qualify", "-t", pluginId],
    cwd: SUITE_ROOT,
    env,
    logFile: join(workDir, `filtered-${pluginId}.log`),
    timeoutMs: 30 * 60_000,
  });
  if (runEnds(cold.log()) !== 1)
    throw new Error(
      `the filtered run of ${pluginId} printed no verdict line; see ${join(workDir, `filtered-${pluginId}.log`)}`,
    );

  const file = join(pluginDir, "plugin.py");
  const bytes = readFileSync(file);
  // Re-run k (1-based) follows save k: the first RERUNS keep the bytes, the rest each add a line never seen
  // before (a random nonce), so no answer kept by an earlier measurement can match the edited tree.
  const nonce = randomUUID();
  const save = (k: number): void =>
    writeFileSync(
      file,
      k <= RERUNS ? bytes : Buffer.concat([bytes, Buffer.from(`\n# bench edit ${k - RERUNS} ${nonce}\n`)]),
    );
  let seen = "";
  let handled = 1;
  let savedAt = 0;
  const reruns: number[] = [];
  try {
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
        if (reruns.length === 2 * RERUNS) return killGroup(child.pid);
        // Let the watcher settle after a run, then save the plugin's module.
        setTimeout(() => {
          savedAt = performance.now();
          save(reruns.length + 1);
        }, 2_000);
      },
    });
    if (reruns.length < 2 * RERUNS)
      throw new Error(
        `watch mode re-ran ${pluginId} ${reruns.length} of ${2 * RERUNS} times after its file was saved (exit ${watch.exitCode}); see ${join(workDir, `watch-${pluginId}.log`)}`,
      );
  } finally {
    writeFileSync(file, bytes);
  }
  return {
    plugin_id: pluginId,
    rerun_ms: median(reruns.slice(0, RERUNS)),
    edit_rerun_ms: median(reruns.slice(RERUNS)),
    cold_filtered_ms: cold.wallMs,
  };
}
