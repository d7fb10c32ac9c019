import { resolve } from "node:path";
import type { QualificationStatement, VerifyProblem, VerifyStepResult } from "../../../../contracts/proof-bundle.ts";
import { fromProblems, passed, problem } from "./step-result.ts";

export interface TargetOptions {
  /** The target root the bundle must be about (resolved against `cwd`), or null. */
  readonly target: string | null;
  readonly commit: string | null;
  readonly cwd: string;
}

/** target: a bundle presented for another target root or another commit is rejected. */
export function stepTarget(statement: QualificationStatement, options: TargetOptions): VerifyStepResult {
  const recorded = statement.predicate.target;
  if (options.target === null && options.commit === null)
    return {
      ...passed(
        "target",
        `not constrained (bundle is for ${recorded.root} @ ${recorded.commit ?? "no commit"}); pass --target/--commit to require one`,
        "NOT_REQUESTED",
      ),
      status: "skip",
    };
  const problems: VerifyProblem[] = [];
  if (options.target !== null && resolve(options.cwd, options.target) !== recorded.root)
    problems.push(
      problem(
        "TARGET_MISMATCH",
        null,
        `bundle is for target ${recorded.root}, not ${resolve(options.cwd, options.target)}`,
      ),
    );
  if (options.commit !== null && options.commit !== recorded.commit)
    problems.push(
      problem(
        "COMMIT_MISMATCH",
        null,
        `bundle is for commit ${recorded.commit ?? "(none recorded)"}, not ${options.commit}`,
      ),
    );
  return fromProblems("target", problems, `bundle is for ${recorded.root} @ ${recorded.commit ?? "no commit"}`);
}
