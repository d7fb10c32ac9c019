import type { ReasonCode } from "../../../contracts/reason-codes.ts";
import type { Verdict } from "../../../contracts/verdict.ts";

/** Small constructors so every check builds verdicts the same way (and `detail` is never forgotten). */
export const pass = (detail: string, extra: Partial<Verdict> = {}): Verdict => ({
  status: "pass",
  reason: null,
  detail,
  ...extra,
});
export const fail = (reason: ReasonCode, detail: string, extra: Partial<Verdict> = {}): Verdict => ({
  status: "fail",
  reason,
  detail,
  ...extra,
});
export const infraError = (reason: ReasonCode, detail: string, extra: Partial<Verdict> = {}): Verdict => ({
  status: "infra_error",
  reason,
  detail,
  ...extra,
});
export const notApplicable = (reason: ReasonCode, detail: string): Verdict => ({
  status: "not_applicable",
  reason,
  detail,
});
