import type { VerifyProblem, VerifyStepResult } from "../../../contracts/proof-bundle.ts";
import type { CheckId } from "../../../contracts/reason-codes.ts";
import { canonicalJson } from "../../canonical/canonical-json.ts";
import { judgePlugin } from "../../session/judge-plugin.ts";
import { EVIDENCE_FILE, VERDICTS_FILE } from "../bundle-layout.ts";
import type { BundleDocuments } from "./bundle-documents.ts";
import { rejudgeQueries } from "./rejudge-queries.ts";
import { verdictDifference } from "./verdict-difference.ts";
import { fromProblems, problem } from "./step-result.ts";

/** Re-derived from the recorded evidence; `functional` rests on probe runs and is not re-judged here. */
export const REJUDGED_CHECKS = ["allowlisted", "hash_ok", "enabled", "loaded", "capability_present"] as const satisfies readonly CheckId[];

const brief = (v: { status: string; reason: string | null }) => `${v.status}${v.reason ? `/${v.reason}` : ""}`;

/**
 * rejudge: the static verdicts follow from evidence.json, and the query verdicts from queries.json, through the
 * same pure judges the run used.
 */
export function stepRejudge({ inventory, evidence, verdicts }: BundleDocuments, queriesBytes?: Buffer): VerifyStepResult {
  const problems: VerifyProblem[] = [];
  const recorded = new Map(verdicts.plugins.map((p) => [p.plugin_id, p.checks]));
  const gathered = new Map(evidence.plugins.map((p) => [p.plugin_id, p]));
  let compared = 0;
  for (const item of inventory.plugins) {
    const checks = recorded.get(item.plugin_id);
    if (!checks) continue; // completeness reports it
    const needsEvidence = item.category !== "deprecated_removed" && item.resolved;
    const pluginEvidence = needsEvidence ? (gathered.get(item.plugin_id) ?? null) : null;
    if (needsEvidence && !pluginEvidence) {
      problems.push(problem("EVIDENCE_MISSING", EVIDENCE_FILE, `${item.plugin_id}: no plugin evidence recorded, so its verdicts cannot be re-derived`));
      continue;
    }
    const derived = judgePlugin(item, pluginEvidence, evidence);
    for (const check of REJUDGED_CHECKS) {
      compared += 1;
      if (canonicalJson(derived[check]) !== canonicalJson(checks[check]))
        problems.push(problem("VERDICT_MISMATCH", VERDICTS_FILE, `${item.plugin_id} › ${check}: recorded ${brief(checks[check])}, the evidence gives ${brief(derived[check])} (${verdictDifference(checks[check], derived[check])})`));
    }
  }
  const queries = rejudgeQueries(queriesBytes, verdicts);
  problems.push(...queries.problems);
  return fromProblems("rejudge", problems, `${compared} static verdict(s) re-derived from evidence.json (${REJUDGED_CHECKS.join(", ")}) and ${queries.compared} query case(s) from queries.json, all equal to the recorded ones`);
}
