import { QueryRun } from "../../../../contracts/query-run.ts";
import type { VerifyProblem } from "../../../../contracts/proof-bundle.ts";
import { canonicalJson } from "../../../shared/canonical/canonical-json.ts";
import { verdictDifference } from "./verdict-difference.ts";
import { QUERIES_FILE } from "../../../query/query-output-files.ts";
import { VERDICTS_FILE } from "../bundle-layout.ts";
import type { Verdicts } from "./bundle-documents.ts";
import { issueList, parseCanonicalJson } from "./canonical-bytes.ts";
import { rejudgeQueryCase } from "./replay-verdicts.ts";
import { problem } from "./step-result.ts";

const brief = (v: { class: string; reason: string | null }) => `${v.class}${v.reason ? `/${v.reason}` : ""}`;

/**
 * The query tier's verdicts follow from queries.json's recorded attempts and citation look-ups through the same
 * pure judge the run used, and final.json's `queries` section says what queries.json says. Skipped cases
 * (`dependency_skipped`) rest on the recorded service health, not on attempts; cases not run on the recorded root
 * cause.
 */
export function rejudgeQueries(
  queriesBytes: Buffer | undefined,
  verdicts: Verdicts,
): { problems: VerifyProblem[]; compared: number } {
  const section = verdicts.queries;
  if (!queriesBytes) {
    const problems =
      section && section.cases.length > 0
        ? [
            problem(
              "EVIDENCE_MISSING",
              QUERIES_FILE,
              `${VERDICTS_FILE} has ${section.cases.length} query case(s) but the bundle has no ${QUERIES_FILE} to rest them on`,
            ),
          ]
        : [];
    return { problems, compared: 0 };
  }
  const parsed = parseCanonicalJson(queriesBytes);
  if (!parsed.ok)
    return { problems: [problem("FILE_INVALID", QUERIES_FILE, `${QUERIES_FILE}: ${parsed.detail}`)], compared: 0 };
  const run = QueryRun.safeParse(parsed.value);
  if (!run.success)
    return {
      problems: [
        problem(
          "FILE_INVALID",
          QUERIES_FILE,
          `${QUERIES_FILE} does not match its contract: ${issueList(run.error.issues)}`,
        ),
      ],
      compared: 0,
    };
  const problems: VerifyProblem[] = [];
  const finalCases = new Map((section?.cases ?? []).map((c) => [c.case_id, c]));
  for (const record of run.data.cases) {
    const derived = rejudgeQueryCase(record, run.data);
    if (canonicalJson(derived) !== canonicalJson(record.verdict))
      problems.push(
        problem(
          "VERDICT_MISMATCH",
          QUERIES_FILE,
          `query ${record.case_id}: recorded ${brief(record.verdict)}, its recorded facts give ${brief(derived)} (${verdictDifference(record.verdict, derived)})`,
        ),
      );
    const shown = finalCases.get(record.case_id);
    if (!shown)
      problems.push(
        problem(
          "RESULT_MISSING",
          VERDICTS_FILE,
          `query ${record.case_id} is in ${QUERIES_FILE} but not in ${VERDICTS_FILE}`,
        ),
      );
    else if (shown.class !== record.verdict.class || shown.reason !== record.verdict.reason)
      problems.push(
        problem(
          "VERDICT_MISMATCH",
          VERDICTS_FILE,
          `query ${record.case_id}: ${VERDICTS_FILE} shows ${brief(shown)}, ${QUERIES_FILE} records ${brief(record.verdict)}`,
        ),
      );
    finalCases.delete(record.case_id);
  }
  for (const id of finalCases.keys())
    problems.push(
      problem("RESULT_EXTRA", VERDICTS_FILE, `query ${id} is in ${VERDICTS_FILE} but not in ${QUERIES_FILE}`),
    );
  return { problems, compared: run.data.cases.length };
}
