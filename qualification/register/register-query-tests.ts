import { beforeAll, describe, test } from "vitest";
import { progress } from "./progress.ts";
import type { RunnerTestFile, RunnerTestSuite } from "vitest";
import type { QueryCaseRecord, QueryFault } from "../../contracts/query-run.ts";
import { finalCase, QUERY_SUITE } from "../query/final-queries.ts";
import type { QuerySession } from "../query/query-session.ts";
import { replayFor } from "../query/run-query-cases.ts";
import { QualificationFailure } from "./failure-message.ts";
import type { QueryMeta } from "./task-meta.ts";
import "./task-meta.ts";

export const EXPECTED_ANSWERS_CHECK = "expected_answers";

const show = (value: unknown): string => (typeof value === "string" ? value : JSON.stringify(value, null, 2));

/** What a person needs to reproduce a failing case: class and reason, what failed, the command, one replay line. */
function caseFailure(name: string, record: QueryCaseRecord): QualificationFailure {
  const v = record.verdict;
  const lines = [`${name}: [${v.class}] ${v.reason ?? ""} ${v.detail}`.replace(/\s+$/, "")];
  if (v.attribution)
    lines.push(`attributed to: ${v.attribution}${v.dependencies.length > 0 ? ` (${v.dependencies.join(", ")})` : ""}`);
  lines.push(`query: ${JSON.stringify(record.query)} via ${record.route}`);
  if (record.command) lines.push(`command: ${record.command}`);
  lines.push(`replay: ${record.replay}`);
  return new QualificationFailure({
    message: lines.join("\n"),
    expected: v.expected === undefined ? undefined : show(v.expected),
    actual: v.actual === undefined ? undefined : show(v.actual),
  });
}

function faultFailure(name: string, fault: QueryFault, replay: string): QualificationFailure {
  const lines = [
    `${name}: [fail] ${fault.code} ${fault.detail}`,
    ...fault.issues.map((i) => `at: ${fault.file ?? ""}#${i.pointer} — ${i.message}`),
    `replay: ${replay}`,
  ];
  return new QualificationFailure({ message: lines.join("\n"), expected: undefined, actual: undefined });
}

/**
 * The query tier as tests, inside `describe("query")`: `query › expected_answers` (the input is usable), then
 * one `query › <tier> › <case_id>` per expected case. Passing cases pass; fail and infra_error cases fail with
 * their class, reason and replay line; dependency_skipped cases are shown as skipped, naming the services.
 * The query run is gathered once (QuerySession) and started as soon as the file's tests are known.
 */
export function registerQueryTests(queries: QuerySession, target: string): void {
  const expected = queries.expected();
  const runQueryTests = (file: Readonly<RunnerTestSuite | RunnerTestFile>): boolean =>
    file.tasks.some(
      (task) =>
        task.type === "suite" &&
        task.name === QUERY_SUITE &&
        task.tasks.some((t) => t.mode === "run" || t.mode === "only" || t.mode === "queued"),
    );
  // biome-ignore: Vitest requires a destructuring pattern for the context argument.
  beforeAll(({}, file) => {
    if (!runQueryTests(file)) return;
    progress("query tier started (services probed first, then the cases)");
    void queries
      .run()
      .then(() => progress("query tier done"))
      .catch(() => undefined);
  });

  describe(QUERY_SUITE, () => {
    const name = `${QUERY_SUITE} › ${EXPECTED_ANSWERS_CHECK}`;
    test(name, async ({ task, skip }) => {
      const meta: QueryMeta = { kind: "query", plugin_id: null, check: EXPECTED_ANSWERS_CHECK, query: null };
      task.meta.qualification = meta;
      const { run } = await queries.run();
      if (run.fault) throw faultFailure(name, run.fault, `QUALIFY_TARGET=${target} pnpm test:qualify -t "${name}"`);
      if (run.expected === null)
        skip(
          "no expected answers: set QUALIFY_EXPECTED (suite format or real_corpus_expected_answers_v1.json), or add <target>/corpus/expected_answers.json",
        );
    });

    for (const item of expected.cases) {
      const caseName = `${QUERY_SUITE} › ${item.tier} › ${item.case_id}`;
      test(caseName, async ({ task, skip }) => {
        const { run } = await queries.run();
        const record = run.cases.find((c) => c.case_id === item.case_id);
        if (!record)
          throw new QualificationFailure({
            message: `${caseName}: [infra_error] the query run recorded no result for this case\nreplay: ${replayFor(target, item)}`,
            expected: undefined,
            actual: undefined,
          });
        const meta: QueryMeta = {
          kind: "query",
          plugin_id: null,
          check: `${item.tier} › ${item.case_id}`,
          query: finalCase(record),
        };
        task.meta.qualification = meta;
        if (record.verdict.class === "pass") return;
        if (record.verdict.class === "dependency_skipped")
          skip(`dependency_skipped (${record.verdict.dependencies.join(", ")}): ${record.verdict.detail}`);
        throw caseFailure(caseName, record);
      });
    }
  });
}
