import type { RunSection } from "../../../contracts/final-report.ts";
import { compareCodePoints, sha256Hex } from "../../shared/canonical/canonical-json.ts";

/**
 * The merged run's declared nondeterministic section, derived from the shards' own: it spans the earliest
 * start to the latest finish, names every host, and its id is a digest of theirs, so merging the same
 * partials twice gives byte-identical outputs.
 */
export function mergedRunSection(runs: readonly RunSection[], toolVersion: string): RunSection {
  const ids = runs.map((r) => r.run_id).sort(compareCodePoints);
  const hosts = [...new Set(runs.map((r) => r.host))].sort(compareCodePoints);
  const started = runs.map((r) => r.started_at).sort()[0] ?? "";
  const finished =
    runs
      .map((r) => r.finished_at)
      .sort()
      .at(-1) ?? "";
  return {
    run_id: `merge-${sha256Hex(ids.join("\n")).slice(0, 32)}`,
    started_at: started,
    finished_at: finished,
    host: hosts.join(","),
    tool_version: toolVersion,
  };
}
