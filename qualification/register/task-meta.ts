import type { Verdict } from "../../contracts/verdict.ts";

/** What each generated test attaches to its task, for reporters to collect. */
export interface QualificationMeta {
  readonly kind: "plugin" | "run";
  readonly plugin_id: string | null;
  readonly check: string;
  readonly verdict: Verdict;
}

declare module "vitest" {
  interface TaskMeta {
    qualification?: QualificationMeta;
  }
}
