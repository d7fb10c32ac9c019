import { describe, expect, test } from "vitest";
import type { RunEvidence } from "../../../contracts/evidence.ts";
import type { FinalReport } from "../../../contracts/final-report.ts";
import type { QueryRun } from "../../../contracts/query-run.ts";
import { classifyDeterminism, type RunRecord } from "./classify-determinism.ts";

function run(status: "pass" | "fail", evidenceValue: string): RunRecord {
  const verdict = { status, reason: status === "pass" ? null : ("PROBE_FAILED" as const), detail: "d" };
  const final = {
    plugins: [
      {
        plugin_id: "p",
        category: "active_required",
        qualified: status === "pass",
        checks: { functional: verdict, loaded: { status: "pass", reason: null, detail: "ok" } },
      },
    ],
    run_checks: {},
  } as unknown as FinalReport;
  const evidence = {
    plugins: [{ plugin_id: "p", probe: { value: evidenceValue } }],
    commands: {},
    lockfile: {},
    config: {},
  } as unknown as RunEvidence;
  return { final, evidence };
}

describe("classifyDeterminism", () => {
  test("identical runs are stable", () => {
    const report = classifyDeterminism([run("pass", "a"), run("pass", "a")], [1, 2]);
    expect(report.summary).toEqual({ stable: 2, flaky: 0, unstable_evidence: 0 });
  });

  test("a changed verdict is flaky, with the runs' verdicts and the evidence pointer", () => {
    const report = classifyDeterminism([run("pass", "a"), run("fail", "b"), run("pass", "a")], [1, 2, 3]);
    const functional = report.tests.find((t) => t.test === "p › functional")!;
    expect(functional.class).toBe("flaky");
    expect(functional.verdicts).toEqual(["pass:", "fail:PROBE_FAILED", "pass:"]);
    expect(functional.diffs).toEqual([
      { run: 2, pointers: ["/evidence/probe/value", "/verdict/reason", "/verdict/status"] },
    ]);
  });

  test("same verdict with different evidence is unstable_evidence, for every check of that plugin", () => {
    const report = classifyDeterminism([run("pass", "a"), run("pass", "b")], [1, 2]);
    expect(report.tests.map((t) => t.class)).toEqual(["unstable_evidence", "unstable_evidence"]);
  });

  test("query cases are tests too: a changed class is flaky, a changed answer under the same class unstable_evidence", () => {
    const withQueries = (klass: "pass" | "fail", answer: string): RunRecord => {
      const base = run("pass", "a");
      const c = {
        case_id: "q1",
        tier: "non_service_strict",
        class: klass,
        reason: klass === "pass" ? null : "answer_wrong",
        attribution: null,
        dependencies: [],
        detail: "",
      };
      const queries = {
        ok: klass === "pass",
        service_mode: "service_down",
        expected: null,
        fault: null,
        tiers: {},
        cases: [c],
        failing_case_ids: [],
      };
      const record = { case_id: "q1", tier: "non_service_strict", attempts: [{ answer }] };
      return {
        final: { ...base.final, queries } as unknown as FinalReport,
        evidence: base.evidence,
        queries: { cases: [record] } as unknown as QueryRun,
      };
    };
    const changedClass = classifyDeterminism([withQueries("pass", "x"), withQueries("fail", "x")], [1, 2]).tests.find(
      (t) => t.test === "query › non_service_strict › q1",
    )!;
    expect(changedClass).toMatchObject({ class: "flaky", verdicts: ["pass:", "fail:answer_wrong"] });
    const changedAnswer = classifyDeterminism([withQueries("pass", "x"), withQueries("pass", "y")], [1, 2]);
    expect(changedAnswer.tests.find((t) => t.test === "query › non_service_strict › q1")).toMatchObject({
      class: "unstable_evidence",
      diffs: [{ run: 2, pointers: ["/evidence/attempts/0/answer"] }],
    });
    expect(changedAnswer.tests.find((t) => t.test === "query › expected_answers")!.class).toBe("stable");
  });
});
