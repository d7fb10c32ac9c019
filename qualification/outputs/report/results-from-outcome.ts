import type { QualificationOutcome } from "../../session/qualify-all.ts";
import type { CollectedResult } from "./collected-results.ts";

/**
 * An in-process qualification (`qualifyAll`) as the results the reporter would have collected from Vitest:
 * the same verdicts, with the state the generated test would have ended in.
 */
export function resultsFromOutcome(outcome: Pick<QualificationOutcome, "verdicts" | "runVerdicts">): CollectedResult[] {
  const state = (status: string): CollectedResult["state"] =>
    status === "pass" ? "passed" : status === "not_applicable" ? "skipped" : "failed";
  const results: CollectedResult[] = [];
  for (const [check, verdict] of Object.entries(outcome.runVerdicts))
    results.push({ kind: "run", plugin_id: null, check, verdict, state: state(verdict.status) });
  for (const [pluginId, verdicts] of outcome.verdicts)
    for (const [check, verdict] of Object.entries(verdicts))
      results.push({ kind: "plugin", plugin_id: pluginId, check, verdict, state: state(verdict.status) });
  return results;
}
