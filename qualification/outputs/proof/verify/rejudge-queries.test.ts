import { describe, expect, test } from "vitest";
import type { FinalQueries, QueryAttempt, QueryCaseRecord, QueryRun } from "../../../../contracts/query-run.ts";
import { QueryRun as QueryRunSchema } from "../../../../contracts/query-run.ts";
import { sampleFinalReport } from "../../../../setup/testing/sample-final-report.ts";
import { stableJson } from "../../../shared/canonical/canonical-json.ts";
import { judgeQueryCase } from "../../../query/judge-query-case.ts";
import { rejudgeQueries } from "./rejudge-queries.ts";

const RECORD = "run_20260115/derived.sst.text.extra/0008";
const TEXT = "Calendar: dentist appointment on Friday at 16:30 with Dr. Novak";
const attempt: QueryAttempt = {
  outcome: "result",
  detail: "ok=true state=ok run_id=qry_ method=classic",
  signature: "ba".repeat(32),
  finding: null,
  markers: {
    ok: true,
    error: null,
    error_detail: null,
    run_id_prefix: "qry_",
    method: "classic",
    answer_state: "ok",
    summary: TEXT,
    blocked_reason: null,
    popup_blocked_reason: null,
    skip_reason: null,
    missing_capabilities: [],
    golden_error_code: null,
  },
  answer: {
    state: "ok",
    summary: TEXT,
    bullets: [TEXT],
    fields: {},
    claims: [
      {
        text: TEXT,
        citations: [
          {
            record_id: RECORD,
            evidence_id: RECORD,
            evidence_hash: "dc".repeat(32),
            record_hash: "a3".repeat(32),
            offset_start: 0,
            offset_end: 63,
            span_sha256: "dc".repeat(32),
          },
        ],
      },
    ],
  },
};

function caseRecord(over: Partial<QueryCaseRecord> = {}): QueryCaseRecord {
  const base: Omit<QueryCaseRecord, "verdict"> = {
    case_id: "dentist_appointment",
    tier: "non_service_strict",
    query: "When is the dentist appointment?",
    route: "cli",
    command: "python3 -m autocapture_nx query 'When is the dentist appointment?'",
    hosting: "inproc",
    replay: 'pnpm test:qualify -t "query › non_service_strict › dentist_appointment"',
    expect: {
      answer_state: "ok",
      contains_all: ["Friday", "16:30"],
      json_path_equals: [],
      min_citations: 1,
      required_citations: [{ record_id: RECORD }],
    },
    attempts: [attempt, attempt],
    citations: [{ db: "metadata.db", found: true, problems: [], record_id: RECORD }],
    storage_healthy: true,
    ...over,
  };
  return {
    ...base,
    verdict: judgeQueryCase({
      route: "cli",
      expect: base.expect,
      attempts: base.attempts,
      citations: base.citations,
      storageHealthy: base.storage_healthy,
      corpusMissing: false,
    }),
    ...over,
  };
}

const tier = { total: 1, evaluated: 1, passed: 1, failed: 0, infra_error: 0, dependency_skipped: 0 };
function queryRun(cases: QueryCaseRecord[]): QueryRun {
  return QueryRunSchema.parse({
    schema_version: 2,
    corpus: { mode: "corpus_copy", sha256: "c1".repeat(32), source: "/targets/example/corpus/metadata.db" },
    expected: {
      cases: null,
      format: "suite",
      sha256: "d4".repeat(32),
      source: "/targets/example/corpus/expected_answers.json",
    },
    fault: null,
    hosting: null,
    root_cause: null,
    repeat: 2,
    services: { mode: "service_down", services: [] },
    storage: [],
    summary: { non_service_strict: tier, service_backed_strict: { ...tier, total: 0, evaluated: 0, passed: 0 } },
    cases,
  });
}

function finalWith(cases: QueryCaseRecord[]) {
  const section: FinalQueries = {
    ok: true,
    service_mode: "service_down",
    expected: null,
    fault: null,
    root_cause: null,
    tiers: {
      non_service_strict: { ...tier, ok: true },
      service_backed_strict: { ...tier, total: 0, evaluated: 0, passed: 0, ok: true },
    },
    cases: cases.map((c) => ({
      case_id: c.case_id,
      tier: c.tier,
      class: c.verdict.class,
      reason: c.verdict.reason,
      attribution: c.verdict.attribution,
      dependencies: c.verdict.dependencies,
      detail: c.verdict.detail,
    })),
    failing_case_ids: [],
  };
  const { run: _run, ...verdicts } = { ...sampleFinalReport(), queries: section };
  return verdicts;
}

const bytes = (run: QueryRun) => Buffer.from(stableJson(run), "utf8");
const codes = (r: ReturnType<typeof rejudgeQueries>) => r.problems.map((p) => p.code);

describe("verify re-judges the query tier from queries.json", () => {
  test("recorded attempts that give the recorded verdict, shown the same way in final.json → no problem", () => {
    const cases = [caseRecord()];
    expect(cases[0]!.verdict.class).toBe("pass");
    const result = rejudgeQueries(bytes(queryRun(cases)), finalWith(cases));
    expect(result).toEqual({ problems: [], compared: 1 });
  });

  test("a verdict its attempts do not give is VERDICT_MISMATCH (a pass written over a timeout, say)", () => {
    const timedOut: QueryAttempt = {
      outcome: "timeout",
      detail: "no answer within 90000 ms",
      markers: null,
      finding: null,
      answer: null,
      signature: null,
    };
    const forged = caseRecord({ attempts: [timedOut], verdict: caseRecord().verdict });
    expect(codes(rejudgeQueries(bytes(queryRun([forged])), finalWith([forged])))).toEqual(["VERDICT_MISMATCH"]);
  });

  test("final.json must show what queries.json records: a changed class, a dropped or an added case are rejected", () => {
    const cases = [caseRecord()];
    const shown = finalWith(cases);
    const changed = {
      ...shown,
      queries: {
        ...shown.queries!,
        cases: [{ ...shown.queries!.cases[0]!, class: "fail" as const, reason: "answer_wrong" as const }],
      },
    };
    expect(codes(rejudgeQueries(bytes(queryRun(cases)), changed))).toEqual(["VERDICT_MISMATCH"]);
    const dropped = { ...shown, queries: { ...shown.queries!, cases: [] } };
    expect(codes(rejudgeQueries(bytes(queryRun(cases)), dropped))).toEqual(["RESULT_MISSING"]);
    expect(codes(rejudgeQueries(bytes(queryRun([])), shown))).toEqual(["RESULT_EXTRA"]);
  });

  test("query verdicts without queries.json, or a queries.json that is not canonical or not the contract, are rejected", () => {
    const cases = [caseRecord()];
    expect(codes(rejudgeQueries(undefined, finalWith(cases)))).toEqual(["EVIDENCE_MISSING"]);
    expect(codes(rejudgeQueries(Buffer.from(JSON.stringify(queryRun(cases))), finalWith(cases)))).toEqual([
      "FILE_INVALID",
    ]);
    expect(codes(rejudgeQueries(Buffer.from(stableJson({ schema_version: 1 })), finalWith(cases)))).toEqual([
      "FILE_INVALID",
    ]);
    // A queries.json of schema 1 (attempts without their adapter's finding) is not this contract.
    const v1 = { ...queryRun(cases), schema_version: 1 };
    const result = rejudgeQueries(Buffer.from(stableJson(v1)), finalWith(cases));
    expect(codes(result)).toEqual(["FILE_INVALID"]);
    expect(result.problems[0]!.detail).toContain("schema_version");
    // A run without a query tier needs no queries.json.
    expect(rejudgeQueries(undefined, { ...finalWith(cases), queries: null })).toEqual({ problems: [], compared: 0 });
  });
});
