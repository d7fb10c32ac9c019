import type { Verdict } from "../../../contracts/verdict.ts";

/** One generated test's outcome as a reporter saw it. */
export interface CollectedResult {
  readonly kind: "plugin" | "run";
  readonly plugin_id: string | null;
  readonly check: string;
  readonly verdict: Verdict;
  /** Vitest's state for the test; "failed" with a `pass` verdict means the test itself broke. */
  readonly state: "passed" | "failed" | "skipped" | "pending";
}
