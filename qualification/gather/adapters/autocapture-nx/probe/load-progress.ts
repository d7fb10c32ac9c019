import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { LoadCulprit } from "../../../../../contracts/evidence.ts";
import { applyPlaceholders } from "../cli/platform-cli.ts";

/** Where the probe host's load watch (probe-runner/load_watch.py) writes, in the host's working directory. */
export const PROGRESS_FILE = ".qualify-load-progress.jsonl";
/** The runner's exit when its watchdog found a plugin loading past the limit. */
export const EXIT_LOAD_HUNG = 75;

export interface NamedCulprit extends LoadCulprit {
  readonly plugin_id: string;
}

export function clearProgress(workDir: string): void {
  rmSync(join(workDir, PROGRESS_FILE), { force: true });
}

/**
 * The plugin that ended the probe host's load, from what the watch wrote before the process went: a `hung`
 * record (with every thread's stack after it) names a hang; otherwise the last plugin `start`ed before the host
 * ended by itself names a crash. Null when the load got past every plugin (`loaded`), never reached one, or was
 * killed by the suite.
 */
export function culpritOf(
  workDir: string,
  exitStatus: number | null,
  placeholders: ReadonlyArray<readonly [string, string]>,
): NamedCulprit | null {
  const file = join(workDir, PROGRESS_FILE);
  if (!existsSync(file)) return null;
  const text = readFileSync(file, "utf8");
  const lines = text.split("\n");
  let last: string | null = null;
  for (const [index, line] of lines.entries()) {
    const record = progressRecord(line);
    if (record === null) continue;
    if (record.event === "loaded") return null;
    if (record.event === "start" && typeof record.plugin === "string") last = record.plugin;
    if (record.event === "hung" && typeof record.plugin === "string") {
      const stack = pluginThreads(lines.slice(index + 1).join("\n"));
      const limit = Math.round((record.limit_s ?? 0) * 1000);
      return {
        plugin_id: record.plugin,
        kind: "hang",
        detail: `loading ${record.plugin} (importing or creating it) did not finish within ${limit} ms`,
        stack: applyPlaceholders(stack, placeholders),
        exit_status: null,
      };
    }
  }
  // Only a host that ended by itself: one the suite killed at the load's own limit says nothing about a plugin.
  if (last === null || exitStatus === null || exitStatus === EXIT_LOAD_HUNG) return null;
  return {
    plugin_id: last,
    kind: "crash",
    detail: `the interpreter ended (exit status ${exitStatus}) while ${last} was being imported or created`,
    stack: null,
    exit_status: exitStatus,
  };
}

interface ProgressRecord {
  readonly event?: string;
  readonly plugin?: string;
  readonly limit_s?: number;
}

function progressRecord(line: string): ProgressRecord | null {
  try {
    const value: unknown = JSON.parse(line);
    return value !== null && typeof value === "object" ? (value as ProgressRecord) : null;
  } catch {
    return null; // a line of the stack dump
  }
}

/** faulthandler's dump without the watchdog's own thread, thread addresses removed (they differ on every run). */
function pluginThreads(dump: string): string {
  return dump
    .split(/\n\s*\n/)
    .filter((block) => !block.includes("load_watch.py"))
    .map((block) => block.replace(/(Current thread|Thread) 0x[0-9a-f]+/g, "$1").trim())
    .filter((block) => block !== "")
    .join("\n\n")
    .slice(-6000);
}
