import { describe, expect, test } from "vitest";
import type { QueryCaseRecord, QueryRun, QueryVerdict } from "../../contracts/query-run.ts";
import { FinalQueries, StrictMatrix } from "../../contracts/query-run.ts";
import { finalQueries } from "./final-queries.ts";
import { strictMatrix } from "./strict-matrix.ts";
import { summarizeTiers } from "./summarize-tiers.ts";

const expect0 = {
  answer_state: "ok" as const,
  contains_all: [],
  json_path_equals: [],
  required_citations: [],
  min_citations: 0,
};
const v = (cls: QueryVerdict["class"], reason: QueryVerdict["reason"] = null): QueryVerdict => ({
  class: cls,
  reason,
  attribution: cls === "pass" ? null : "plugin",
  dependencies: [],
  detail: `${cls} ${reason ?? ""}`,
});

function queryRun(
  cases: Array<[string, QueryCaseRecord["tier"], QueryVerdict]>,
  mode: QueryRun["services"]["mode"] = "service_up",
): QueryRun {
  const records: QueryCaseRecord[] = cases.map(([id, tier, verdict]) => ({
    case_id: id,
    tier,
    query: id,
    route: "cli",
    command: null,
    hosting: "subprocess",
    replay: "",
    expect: expect0,
    attempts: [],
    citations: [],
    storage_healthy: true,
    verdict,
  }));
  return {
    schema_version: 2,
    expected: { source: "/x/expected_answers.json", format: "suite", sha256: "ab", cases: null },
    fault: null,
    corpus: { mode: "corpus_copy", source: "/x/metadata.db", sha256: "cd" },
    hosting: null,
    root_cause: null,
    repeat: 3,
    services: { mode, services: [] },
    storage: [],
    cases: records,
    summary: summarizeTiers(records),
  };
}

describe("finalQueries (final.json's `queries`)", () => {
  test("services down: non-service all pass, service-backed all skipped → ok", () => {
    const q = FinalQueries.parse(
      finalQueries(
        queryRun(
          [
            ["a", "non_service_strict", v("pass")],
            ["s", "service_backed_strict", { ...v("dependency_skipped"), dependencies: ["service_7411"] }],
          ],
          "service_down",
        ),
        [],
      ),
    );
    expect(q).toMatchObject({ ok: true, service_mode: "service_down", failing_case_ids: [] });
    expect(q.tiers.service_backed_strict).toMatchObject({ total: 1, evaluated: 0, dependency_skipped: 1, ok: true });
  });

  test("any failure or infra_error in either tier is not ok and is listed; a skipped non-service case is not ok either", () => {
    expect(finalQueries(queryRun([["a", "non_service_strict", v("fail", "answer_wrong")]]), [])).toMatchObject({
      ok: false,
      failing_case_ids: ["a"],
    });
    expect(
      finalQueries(queryRun([["s", "service_backed_strict", v("infra_error", "query_timeout")]]), []),
    ).toMatchObject({ ok: false, failing_case_ids: ["s"] });
    expect(finalQueries(queryRun([["a", "non_service_strict", v("dependency_skipped")]]), [])?.ok).toBe(false);
  });

  test("an unusable expected-answers file is not ok; no query tier at all is null", () => {
    const run = {
      ...queryRun([]),
      fault: { code: "EXPECTED_INVALID" as const, detail: "bad", file: "/x", issues: [] },
    };
    expect(finalQueries(run, [])?.ok).toBe(false);
    expect(finalQueries(null, [])).toBeNull();
  });

  test("a test that failed around a passing case is an infra_error, never a pass", () => {
    const run = queryRun([["a", "non_service_strict", v("pass")]]);
    const q = finalQueries(run, [
      {
        check: "non_service_strict › a",
        state: "failed",
        query: {
          case_id: "a",
          tier: "non_service_strict",
          class: "pass",
          reason: null,
          attribution: null,
          dependencies: [],
          detail: "",
        },
      },
    ]);
    expect(q).toMatchObject({ ok: false, cases: [{ case_id: "a", class: "infra_error" }] });
  });
});

describe("strictMatrix (the platform-compatible summary)", () => {
  test("platform keys and rule; infra rows are upstream_unreachable, never citation_invalid", () => {
    const m = StrictMatrix.parse(
      strictMatrix(
        queryRun([
          ["a", "non_service_strict", v("pass")],
          ["b", "non_service_strict", v("fail", "citation_invalid")],
          ["c", "non_service_strict", v("infra_error", "query_timeout")],
          ["d", "non_service_strict", v("fail", "answer_wrong")],
          ["s", "service_backed_strict", v("dependency_skipped")],
        ]),
      ),
    );
    expect(m).toMatchObject({
      ok: false,
      matrix_total: 5,
      matrix_evaluated: 4,
      matrix_passed: 1,
      matrix_failed: 3,
      matrix_skipped: 1,
    });
    expect(m.failure_reasons).toEqual([
      "strict_matrix_evaluated_mismatch",
      "strict_matrix_failed_nonzero",
      "strict_matrix_skipped_nonzero",
    ]);
    expect(m.strict_failure_causes.counts).toEqual({ citation_invalid: 1, retrieval_miss: 1, upstream_unreachable: 1 });
    expect(m.strict_failure_causes.by_case.find((r) => r.id === "c")).toMatchObject({
      cause: "upstream_unreachable",
      reason: "query_timeout",
    });
  });

  test("all passing and nothing skipped is ok by the platform's rule", () => {
    expect(
      strictMatrix(
        queryRun([
          ["a", "non_service_strict", v("pass")],
          ["s", "service_backed_strict", v("pass")],
        ]),
      ),
    ).toMatchObject({ ok: true, failure_reasons: [] });
  });
});
