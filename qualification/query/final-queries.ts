import { QueryTier } from "../../contracts/expected-answers.ts";
import type { FinalQueries, FinalQueryCase, QueryRun } from "../../contracts/query-run.ts";
import { compareCodePoints } from "../shared/canonical/canonical-json.ts";
import { summarizeTiers, tierOk } from "./summarize-tiers.ts";

/** The `describe` that holds the query tier's tests (`query › <tier> › <case_id>`). */
export const QUERY_SUITE = "query";

/**
 * A query test as the reporter saw it: the case it reported (null for the expected-answers test) and Vitest's state.
 */
export interface CollectedQuery {
  readonly check: string;
  readonly query: FinalQueryCase | null;
  readonly state: "passed" | "failed" | "skipped" | "pending";
}

/** One case as final.json shows it. */
export function finalCase(record: QueryRun["cases"][number]): FinalQueryCase {
  const v = record.verdict;
  return {
    case_id: record.case_id,
    tier: record.tier,
    class: v.class,
    reason: v.reason,
    attribution: v.attribution,
    dependencies: [...v.dependencies],
    detail: v.detail,
  };
}

/**
 * Pure: queries.json (+ the query tests' states) → final.json's `queries` section. A test that failed around a
 * passing case (a crash in the test, not a verdict) is an infra_error, never a pass. Null when the run had no
 * query tier at all.
 */
export function finalQueries(run: QueryRun | null, collected: readonly CollectedQuery[]): FinalQueries | null {
  if (run === null) return null;
  const crashed = new Set(
    collected.filter((c) => c.state === "failed" && c.query?.class === "pass").map((c) => c.query!.case_id),
  );
  const cases = run.cases
    .map(finalCase)
    .map((c): FinalQueryCase =>
      crashed.has(c.case_id)
        ? {
            ...c,
            class: "infra_error",
            reason: null,
            attribution: null,
            detail: `the test for ${c.case_id} failed outside its verdict`,
          }
        : c,
    )
    .sort(
      (a, b) =>
        QueryTier.options.indexOf(a.tier) - QueryTier.options.indexOf(b.tier) ||
        compareCodePoints(a.case_id, b.case_id),
    );
  const counts = summarizeTiers(cases.map((c) => ({ tier: c.tier, verdict: { class: c.class } })));
  const tiers = Object.fromEntries(
    QueryTier.options.map((tier) => [tier, { ...counts[tier], ok: tierOk(tier, counts[tier]) }]),
  ) as FinalQueries["tiers"];
  const ok = run.fault === null && QueryTier.options.every((tier) => tiers[tier].ok);
  return {
    ok,
    service_mode: run.services.mode,
    expected: run.expected,
    fault: run.fault,
    root_cause: run.root_cause,
    tiers,
    cases,
    failing_case_ids: cases.filter((c) => c.class === "fail" || c.class === "infra_error").map((c) => c.case_id),
  };
}
