import { QueryTier } from "../../contracts/expected-answers.ts";
import type { QueryClass, TierSummary } from "../../contracts/query-run.ts";

/**
 * Pure: per-tier counts. `evaluated` = judged for correctness (passed + failed): infrastructure rows and
 * skips are excluded from the correctness metrics, and counted on their own.
 */
export function summarizeTiers(
  cases: ReadonlyArray<{ readonly tier: QueryTier; readonly verdict: { readonly class: QueryClass } }>,
): Record<QueryTier, TierSummary> {
  const out = {} as Record<QueryTier, TierSummary>;
  for (const tier of QueryTier.options) {
    const mine = cases.filter((c) => c.tier === tier);
    const count = (cls: QueryClass) => mine.filter((c) => c.verdict.class === cls).length;
    out[tier] = {
      total: mine.length,
      evaluated: count("pass") + count("fail"),
      passed: count("pass"),
      failed: count("fail"),
      infra_error: count("infra_error"),
      dependency_skipped: count("dependency_skipped"),
    };
  }
  return out;
}

/**
 * A tier is ok when every case passed, except that service-backed cases may be dependency_skipped (they are
 * evaluated only when both services are up, and then must pass). An infra_error is never ok.
 */
export function tierOk(tier: QueryTier, summary: TierSummary): boolean {
  const allowedSkips = tier === "service_backed_strict" ? summary.dependency_skipped : 0;
  return summary.passed + allowedSkips === summary.total;
}
