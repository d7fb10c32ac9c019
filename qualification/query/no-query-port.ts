import type { QueryRootCause } from "../../contracts/query-run.ts";

/**
 * The run-level cause when the chosen adapter has no query port: the suite cannot put a question to that
 * platform at all, so every configured case fails with this cause (seen on no case: no case was run).
 */
export function noQueryPortCause(adapter: string): QueryRootCause {
  return {
    reason: "environment_error",
    attribution: "suite",
    detail: `the adapter "${adapter}" has no query port: the query tier cannot put a question to its platform`,
    seen_in: [],
    remedy: `qualify the query tier with an adapter that has a query port (QUALIFY_ADAPTER), or give "${adapter}" no expected answers`,
  };
}
