import type { FinalReport } from "../../../../contracts/final-report.ts";
import { CHECK_IDS } from "../../../../contracts/reason-codes.ts";
import type { CollectedResult } from "../../report/collected-results.ts";

/**
 * The verdict cells of a recorded final.json / verdicts.json as collected results. Each cell is already final
 * (a broken test was turned into RUNNER_FAILED when it was rendered), so every state is "passed" and rendering
 * them again reproduces the same cells.
 */
export function recordedResults(verdicts: Pick<FinalReport, "plugins" | "run_checks">): CollectedResult[] {
  return [
    ...verdicts.plugins.flatMap((p) =>
      CHECK_IDS.map((check) => ({
        kind: "plugin" as const,
        plugin_id: p.plugin_id,
        check,
        verdict: p.checks[check],
        state: "passed" as const,
      })),
    ),
    ...Object.entries(verdicts.run_checks).map(([check, verdict]) => ({
      kind: "run" as const,
      plugin_id: null,
      check,
      verdict,
      state: "passed" as const,
    })),
  ];
}
