import type { QueryRun, StrictMatrix } from "../../contracts/query-run.ts";

export const STRICT_MATRIX_FILE = "strict_matrix.json";

type Cause = StrictMatrix["strict_failure_causes"]["by_case"][number]["cause"];

/** Our classes in the platform's three failure causes; every infrastructure row is `upstream_unreachable`. */
function causeOf(c: QueryRun["cases"][number]): Cause | null {
  if (c.verdict.class === "infra_error") return "upstream_unreachable";
  if (c.verdict.class !== "fail") return null;
  return c.verdict.reason === "citation_invalid" ? "citation_invalid" : "retrieval_miss";
}

/** Pure: queries.json → the platform-compatible strict matrix (see the contract for how it differs). */
export function strictMatrix(run: QueryRun): StrictMatrix {
  const total = run.cases.length;
  const skipped = run.cases.filter((c) => c.verdict.class === "dependency_skipped").length;
  const passed = run.cases.filter((c) => c.verdict.class === "pass").length;
  const failed = total - skipped - passed;
  const byCase = run.cases.flatMap((c) => {
    const cause = causeOf(c);
    return cause ? [{ id: c.case_id, tier: c.tier, cause, class: c.verdict.class, reason: c.verdict.reason }] : [];
  });
  const counts = { retrieval_miss: 0, citation_invalid: 0, upstream_unreachable: 0 };
  for (const row of byCase) counts[row.cause] += 1;
  const reasons: string[] = [];
  if (run.fault) reasons.push("strict_contract_invalid");
  if (total === 0) reasons.push("strict_rows_missing");
  if (total - skipped !== total) reasons.push("strict_matrix_evaluated_mismatch");
  if (skipped > 0) reasons.push("strict_matrix_skipped_nonzero");
  if (failed > 0) reasons.push("strict_matrix_failed_nonzero");
  return {
    schema_version: 1,
    ok: reasons.length === 0,
    strict_mode: true,
    strict_contract: run.expected?.source ?? null,
    strict_contract_sha256: run.expected?.sha256 ?? null,
    failure_reasons: reasons.sort(),
    matrix_total: total,
    matrix_evaluated: total - skipped,
    matrix_passed: passed,
    matrix_failed: failed,
    matrix_skipped: skipped,
    strict_failure_causes: { counts, by_case: byCase },
    strict_failure_cause_counts: { ...counts },
  };
}
