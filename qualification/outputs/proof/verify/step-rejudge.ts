import type { VerifyProblem, VerifyStepResult } from "../../../../contracts/proof-bundle.ts";
import { CHECK_IDS, RUN_CHECK_IDS } from "../../../../contracts/reason-codes.ts";
import { canonicalJson } from "../../../shared/canonical/canonical-json.ts";
import { EVIDENCE_FILE, VERDICTS_FILE } from "../bundle-layout.ts";
import type { BundleDocuments } from "./bundle-documents.ts";
import { rejudgeQueries } from "./rejudge-queries.ts";
import { replayVerdicts } from "./replay-verdicts.ts";
import { verdictDifference } from "./verdict-difference.ts";
import { fromProblems, problem } from "./step-result.ts";

const brief = (v: { status: string; reason: string | null }) => `${v.status}${v.reason ? `/${v.reason}` : ""}`;

/**
 * rejudge: every recorded verdict — each plugin's checks, the run checks, the query cases — follows from the
 * bundle's evidence (evidence.json, inventory.json, queries.json) through the same pure judges the run used.
 * Run checks are compared where the bundle records them (shard 1); completeness says which must be there.
 */
export function stepRejudge(
  { inventory, evidence, verdicts }: BundleDocuments,
  queriesBytes?: Buffer,
): VerifyStepResult {
  const problems: VerifyProblem[] = [];
  const compare = (name: string, recorded: Parameters<typeof brief>[0], derived: Parameters<typeof brief>[0]) => {
    if (canonicalJson(derived) !== canonicalJson(recorded))
      problems.push(
        problem(
          "VERDICT_MISMATCH",
          VERDICTS_FILE,
          `${name}: recorded ${brief(recorded)}, the evidence gives ${brief(derived)} (${verdictDifference(recorded, derived)})`,
        ),
      );
  };
  const replayed = replayVerdicts({ inventory, evidence, queries: null });
  let plugins = 0;
  for (const { plugin_id: id, checks } of verdicts.plugins) {
    const derived = replayed.plugins.get(id);
    if (derived === undefined) continue; // completeness reports it
    if (derived === null) {
      problems.push(
        problem(
          "EVIDENCE_MISSING",
          EVIDENCE_FILE,
          `${id}: no plugin evidence recorded, so its verdicts cannot be re-derived`,
        ),
      );
      continue;
    }
    for (const check of CHECK_IDS) compare(`${id} › ${check}`, checks[check], derived[check]);
    plugins += CHECK_IDS.length;
  }
  const runChecks = RUN_CHECK_IDS.filter((check) => check in verdicts.run_checks);
  for (const check of runChecks) compare(`run › ${check}`, verdicts.run_checks[check]!, replayed.run[check]);
  const queries = rejudgeQueries(queriesBytes, verdicts);
  problems.push(...queries.problems);
  return fromProblems(
    "rejudge",
    problems,
    `${plugins} plugin verdict(s) and ${runChecks.length} run verdict(s) re-derived from evidence.json and inventory.json, and ${queries.compared} query case(s) from queries.json, all equal to the recorded ones`,
  );
}
