import type { QualificationStatement, VerifyProblem, VerifyStepResult } from "../../../../contracts/proof-bundle.ts";
import { sha256Hex } from "../../../shared/canonical/canonical-json.ts";
import {
  CARRIER_FILES,
  EVIDENCE_FILE,
  INVENTORY_FILE,
  RUN_FILE,
  VERDICTS_FILE,
  VERSIONS_FILE,
} from "../bundle-layout.ts";
import type { BundleDir } from "./read-bundle-dir.ts";
import { fromProblems, problem } from "./step-result.ts";

const REQUIRED = [EVIDENCE_FILE, INVENTORY_FILE, RUN_FILE, VERDICTS_FILE, VERSIONS_FILE];
const PLAIN_NAME = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

/** subjects: the statement lists exactly the files in the directory (bar the envelope and statement), digests equal. */
export function stepSubjects(statement: QualificationStatement, bundle: BundleDir): VerifyStepResult {
  const problems: VerifyProblem[] = [];
  const listed = new Set<string>();
  for (const subject of statement.subject) {
    const name = subject.name;
    if ("gitCommit" in subject.digest) {
      // Not a file: the commit the predicate names, once.
      if (listed.has(name)) problems.push(problem("SUBJECT_DUPLICATE", name, `${name} is listed more than once`));
      else if (subject.digest.gitCommit !== statement.predicate.target.commit)
        problems.push(
          problem(
            "COMMIT_SUBJECT_MISMATCH",
            null,
            `the ${name} subject says ${subject.digest.gitCommit}, the predicate's target ${statement.predicate.target.commit ?? "(no commit)"}`,
          ),
        );
      listed.add(name);
      continue;
    }
    if (!PLAIN_NAME.test(name) || CARRIER_FILES.has(name)) {
      problems.push(
        problem("SUBJECT_NAME_INVALID", name, `subject name ${JSON.stringify(name)} is not a plain bundle file name`),
      );
      continue;
    }
    if (listed.has(name)) {
      problems.push(problem("SUBJECT_DUPLICATE", name, `${name} is listed more than once`));
      continue;
    }
    listed.add(name);
    const bytes = bundle.files.get(name);
    if (!bytes) problems.push(problem("SUBJECT_MISSING", name, `${name} is a subject but is not in the bundle`));
    else if (sha256Hex(bytes) !== subject.digest.sha256)
      problems.push(
        problem(
          "DIGEST_MISMATCH",
          name,
          `${name}: sha256 ${sha256Hex(bytes)}, the statement says ${subject.digest.sha256}`,
        ),
      );
  }
  for (const name of REQUIRED)
    if (!listed.has(name))
      problems.push(problem("SUBJECT_MISSING", name, `${name} is required in every bundle but is not a subject`));
  for (const name of [...bundle.files.keys()].sort())
    if (!CARRIER_FILES.has(name) && !listed.has(name))
      problems.push(problem("UNLISTED_FILE", name, `${name} is in the bundle but not a subject of the statement`));
  for (const name of bundle.others)
    problems.push(problem("UNLISTED_FILE", name, `${name} is not a regular file; a bundle holds only its subjects`));
  return fromProblems("subjects", problems, `${listed.size} subject(s) present with matching sha256, no other files`);
}
