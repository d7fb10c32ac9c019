import type { VerifyCode, VerifyProblem, VerifyStepId, VerifyStepResult } from "../../../../contracts/proof-bundle.ts";

export const problem = (code: VerifyCode, file: string | null, detail: string): VerifyProblem => ({
  code,
  file,
  detail,
});

export const passed = (step: VerifyStepId, detail: string, code: VerifyCode = "OK"): VerifyStepResult => ({
  step,
  status: "pass",
  code,
  detail,
  problems: [],
});

/** A step passes when it found no problem; otherwise it fails with the first problem's code and lists them all. */
export function fromProblems(
  step: VerifyStepId,
  problems: readonly VerifyProblem[],
  okDetail: string,
): VerifyStepResult {
  const first = problems[0];
  if (!first) return passed(step, okDetail);
  const more = problems.length > 1 ? ` (+${problems.length - 1} more)` : "";
  return { step, status: "fail", code: first.code, detail: `${first.detail}${more}`, problems: [...problems] };
}

export const failed = (step: VerifyStepId, code: VerifyCode, file: string | null, detail: string): VerifyStepResult =>
  fromProblems(step, [problem(code, file, detail)], "");

/** A step that could not run because an earlier one failed: a fail, never a silent pass. */
export const blocked = (step: VerifyStepId, by: string): VerifyStepResult =>
  failed(step, "BLOCKED", null, `not run: ${by} failed`);
