import { describe, expect, test } from "vitest";
import type { ExpectedAnswer } from "../../contracts/expected-answers.ts";
import type { AnswerView, CitationFact, InfraFinding, MarkerFields, QueryAttempt } from "../../contracts/query-run.ts";
import { canonicalJson, sha256Hex } from "../shared/canonical/canonical-json.ts";
import { judgeQueryCase, type QueryCaseFacts } from "./judge-query-case.ts";

const RECORD = "run_20260114/derived.text.ocr/0003";
const view: AnswerView = {
  state: "ok",
  summary: "Invoice 4711 from Contoso Ltd is due on 2026-02-01",
  bullets: ["Invoice 4711 from Contoso Ltd is due on 2026-02-01"],
  fields: { due_date: "2026-02-01" },
  claims: [
    {
      text: "Invoice 4711 from Contoso Ltd is due on 2026-02-01",
      citations: [
        {
          record_id: RECORD,
          evidence_id: RECORD,
          evidence_hash: "h",
          record_hash: "r",
          offset_start: 0,
          offset_end: 10,
          span_sha256: "s",
        },
      ],
    },
  ],
};
const markers: MarkerFields = {
  ok: true,
  error: null,
  run_id_prefix: "qry_",
  method: "classic",
  answer_state: "ok",
  summary: view.summary,
  blocked_reason: null,
  popup_blocked_reason: null,
  skip_reason: null,
  missing_capabilities: [],
  golden_error_code: null,
  error_detail: null,
};
const expect4711: ExpectedAnswer = {
  answer_state: "ok",
  contains_all: ["4711", "contoso"],
  json_path_equals: [{ pointer: "/fields/due_date", value: "2026-02-01" }],
  required_citations: [{ record_id: RECORD }],
  min_citations: 1,
};
const good: CitationFact = { record_id: RECORD, found: true, db: "metadata.db", problems: [] };

const answered = (answer: AnswerView, over: Partial<MarkerFields> = {}): QueryAttempt => ({
  outcome: "result",
  detail: "ok",
  markers: { ...markers, ...over },
  finding: null,
  answer,
  signature: sha256Hex(canonicalJson(answer)),
});
const facts = (over: Partial<QueryCaseFacts> = {}): QueryCaseFacts => ({
  route: "cli",
  expect: expect4711,
  attempts: [answered(view), answered(view), answered(view)],
  citations: [good],
  storageHealthy: true,
  corpusMissing: false,
  ...over,
});

describe("judgeQueryCase", () => {
  test("three identical, verified, expected answers pass", () => {
    expect(judgeQueryCase(facts())).toMatchObject({ class: "pass", reason: null, attribution: null });
  });

  test("an answer that differs between attempts is nondeterministic, with the JSON pointer of the difference", () => {
    const other = { ...view, summary: `${view.summary} (variant 2)` };
    const verdict = judgeQueryCase(facts({ attempts: [answered(view), answered(other), answered(view)] }));
    expect(verdict).toMatchObject({ class: "fail", reason: "nondeterministic", attribution: "plugin" });
    expect(verdict.detail).toContain("attempt 2/3");
    expect(verdict.detail).toContain("/summary");
  });

  test("a citation the corpus does not back is citation_invalid, even when the text is right", () => {
    const bad: CitationFact = {
      record_id: "run_20991231/derived.text.ocr/9999",
      found: false,
      db: null,
      problems: ["record_not_found"],
    };
    expect(judgeQueryCase(facts({ citations: [bad] }))).toMatchObject({ class: "fail", reason: "citation_invalid" });
  });

  test("an unreadable corpus while checking citations is db_io, not a verdict", () => {
    expect(
      judgeQueryCase(facts({ citations: [{ ...good, found: false, db: null, problems: ["db_unreadable"] }] })),
    ).toMatchObject({ class: "infra_error", reason: "db_io", attribution: "io" });
  });

  test("no_evidence where an answer was expected is a retrieval_miss; a different state is answer_wrong", () => {
    const none = { ...view, state: "no_evidence", claims: [], summary: "Not available yet (no_evidence)." };
    expect(
      judgeQueryCase(facts({ attempts: [answered(none, { answer_state: "no_evidence" })], citations: [] })),
    ).toMatchObject({ class: "fail", reason: "retrieval_miss" });
    expect(judgeQueryCase(facts({ attempts: [answered({ ...view, state: "partial" })] }))).toMatchObject({
      class: "fail",
      reason: "answer_wrong",
    });
  });

  test("a missing required citation is a retrieval_miss; too few citations on cited claims is citation_invalid", () => {
    expect(
      judgeQueryCase(facts({ expect: { ...expect4711, required_citations: [{ record_id: "run_x/y/1" }] } })),
    ).toMatchObject({ reason: "retrieval_miss" });
    expect(judgeQueryCase(facts({ expect: { ...expect4711, min_citations: 2 } }))).toMatchObject({
      reason: "citation_invalid",
    });
  });

  test("missing text or a wrong JSON path is answer_wrong, with expected and actual", () => {
    expect(judgeQueryCase(facts({ expect: { ...expect4711, contains_all: ["Fabrikam"] } }))).toMatchObject({
      class: "fail",
      reason: "answer_wrong",
      expected: ["Fabrikam"],
    });
    expect(
      judgeQueryCase(
        facts({ expect: { ...expect4711, json_path_equals: [{ pointer: "/fields/due_date", value: "2026-03-01" }] } }),
      ),
    ).toMatchObject({ reason: "answer_wrong", expected: "2026-03-01", actual: "2026-02-01" });
  });

  test("any attempt its adapter recorded a finding on makes the case infrastructure, never an answer", () => {
    const rewritten: QueryAttempt = {
      ...answered(
        { ...view, state: "no_evidence", claims: [] },
        {
          run_id_prefix: "qry_degraded_",
          method: "metadata_only_degraded",
          summary: "Not available yet (query_timeout).",
          answer_state: "no_evidence",
        },
      ),
      finding: {
        reason: "query_timeout",
        attribution: "plugin",
        dependencies: [],
        marker: "timeout marker (Not available yet (query_timeout).)",
      },
      answer: null,
      signature: null,
    };
    const verdict = judgeQueryCase(
      facts({
        expect: {
          ...expect4711,
          answer_state: "no_evidence",
          contains_all: [],
          json_path_equals: [],
          required_citations: [],
          min_citations: 0,
        },
        attempts: [answered(view), rewritten],
      }),
    );
    expect(verdict).toMatchObject({ class: "infra_error", reason: "query_timeout" });
    expect(verdict.detail).toContain("attempt 2/2");
    expect(verdict.detail).toContain("timeout marker (Not available yet (query_timeout).)");
  });

  test("the recorded finding decides, not the markers beside it: the judge holds no platform's markers", () => {
    const down: InfraFinding = {
      reason: "dependency_down",
      attribution: "dependency",
      dependencies: ["service_8000"],
      marker: "the VLM is down",
    };
    // Markers that look like an answer, with the adapter's finding on them: infrastructure, as it says.
    expect(
      judgeQueryCase(facts({ attempts: [{ ...answered(view), finding: down, answer: null, signature: null }] })),
    ).toMatchObject({ class: "infra_error", reason: "dependency_down", dependencies: ["service_8000"] });
    // Markers that would say "not an answer" to a reader of one platform, without a finding: an answer.
    expect(judgeQueryCase(facts({ attempts: [answered(view, { run_id_prefix: "qry_guard_" })] }))).toMatchObject({
      class: "pass",
    });
    // An attempt without an answer and without a finding still never passes as one.
    expect(
      judgeQueryCase(facts({ attempts: [{ ...answered(view), markers: null, answer: null, signature: null }] })),
    ).toMatchObject({ class: "infra_error", reason: "boot_failed", attribution: "plugin" });
  });

  test("no result at all: a CLI timeout, a dead popup, unusable output", () => {
    const none = { markers: null, finding: null, answer: null, signature: null };
    expect(judgeQueryCase(facts({ attempts: [{ outcome: "timeout", detail: "killed", ...none }] }))).toMatchObject({
      reason: "query_timeout",
      attribution: "plugin",
    });
    expect(
      judgeQueryCase(facts({ route: "popup", attempts: [{ outcome: "timeout", detail: "slow", ...none }] })),
    ).toMatchObject({ reason: "query_timeout", attribution: "dependency", dependencies: ["service_7411"] });
    expect(
      judgeQueryCase(
        facts({ route: "popup", attempts: [{ outcome: "transport_error", detail: "ECONNREFUSED", ...none }] }),
      ),
    ).toMatchObject({ reason: "dependency_down", dependencies: ["service_7411"] });
    expect(
      judgeQueryCase(facts({ attempts: [{ outcome: "invalid_output", detail: "not JSON", ...none }] })),
    ).toMatchObject({ reason: "boot_failed" });
  });

  test("while storage is unhealthy a failure is db_io, not a plugin verdict; timeouts and passes keep theirs", () => {
    const wrong = judgeQueryCase(
      facts({ storageHealthy: false, expect: { ...expect4711, contains_all: ["Fabrikam"] } }),
    );
    expect(wrong).toMatchObject({ class: "infra_error", reason: "db_io", attribution: "io" });
    expect(wrong.detail).toContain("would have been fail answer_wrong");
    expect(judgeQueryCase(facts({ storageHealthy: false }))).toMatchObject({ class: "pass" });
    expect(
      judgeQueryCase(
        facts({
          storageHealthy: false,
          attempts: [
            { outcome: "timeout", detail: "killed", markers: null, finding: null, answer: null, signature: null },
          ],
        }),
      ),
    ).toMatchObject({ reason: "query_timeout" });
  });

  test("with no corpus at all, a platform that could not boot is boot_failed (no DB file is no I/O fault); a wrong answer is corpus_missing", () => {
    const noDb = { storageHealthy: false, corpusMissing: true };
    const hostGarbage: QueryAttempt = {
      outcome: "invalid_output",
      detail: "CLI_FAILED: … exited 1: ERROR: invalid plugin host response: Expecting value: line 1 column 1 (char 0)",
      markers: null,
      finding: {
        reason: "boot_failed",
        attribution: "plugin",
        dependencies: [],
        marker: "ERROR: invalid plugin host response: Expecting value: line 1 column 1 (char 0)",
      },
      answer: null,
      signature: null,
    };
    expect(judgeQueryCase(facts({ ...noDb, attempts: [hostGarbage] }))).toMatchObject({
      class: "infra_error",
      reason: "boot_failed",
      attribution: "plugin",
    });
    expect(judgeQueryCase(facts({ ...noDb, expect: { ...expect4711, contains_all: ["Fabrikam"] } }))).toMatchObject({
      reason: "corpus_missing",
      attribution: "environment",
    });
  });
});
