import type { FinalQueryCase } from "../../contracts/query-run.ts";
import type { Verdict } from "../../contracts/verdict.ts";

/** What each generated test attaches to its task, for reporters to collect. */
export type QualificationMeta = CheckMeta | QueryMeta;

export interface CheckMeta {
  readonly kind: "plugin" | "run";
  readonly plugin_id: string | null;
  readonly check: string;
  readonly verdict: Verdict;
}

/** A `query › …` test: the case it judged (null for `query › expected_answers`, which checks the input). */
export interface QueryMeta {
  readonly kind: "query";
  readonly plugin_id: null;
  readonly check: string;
  readonly query: FinalQueryCase | null;
}

declare module "vitest" {
  interface TaskMeta {
    qualification?: QualificationMeta;
  }
}
