import { describe, expect, test } from "vitest";
import type { InfraFinding, QueryCaseRecord, QueryVerdict } from "../../contracts/query-run.ts";
import type { QueryRemedies } from "../gather/adapters/query-port.ts";
import { notRunVerdict } from "./judge-query-case.ts";
import { confirmRootCause, sharedCauseOf } from "./root-cause.ts";

const HANG =
  "CLI_FAILED: cd /t && python3 -m autocapture_nx query 'q' exited 1: ERROR: Plugin host request timed out after 10.00s (plugin=builtin.anchor.basic)";
/** What the adapter recorded reading that stderr: the judge and the root cause take its words from here. */
const HUNG: InfraFinding = {
  reason: "hosting_timeout",
  attribution: "hosting",
  dependencies: [],
  marker:
    "the platform's plugin hosting hung while booting: Plugin host request timed out after 10.00s (plugin=builtin.anchor.basic)",
};
const REMEDIES: QueryRemedies = { hosting_timeout: "qualify the query tier with QUALIFY_QUERY_HOSTING=inproc" };
const record = (id: string, verdict: QueryVerdict): QueryCaseRecord => ({
  case_id: id,
  tier: "non_service_strict",
  query: `question ${id}`,
  route: "cli",
  command: null,
  hosting: "subprocess",
  replay: "",
  expect: { answer_state: "ok", contains_all: [], json_path_equals: [], required_citations: [], min_citations: 0 },
  attempts: [{ outcome: "invalid_output", detail: HANG, markers: null, finding: HUNG, answer: null, signature: null }],
  citations: [],
  storage_healthy: true,
  verdict,
});
const infra = (reason: QueryVerdict["reason"], attribution: QueryVerdict["attribution"]): QueryVerdict => ({
  class: "infra_error",
  reason,
  attribution,
  dependencies: [],
  detail: "d",
});

describe("the query tier's root cause", () => {
  test("two cases that meet the same boot-level cause confirm it, in the platform's words without either question", () => {
    const root = confirmRootCause(
      record("Q1", infra("hosting_timeout", "hosting")),
      record("H10", infra("hosting_timeout", "hosting")),
      null,
      REMEDIES,
    );
    expect(root).toMatchObject({ reason: "hosting_timeout", attribution: "hosting", seen_in: ["Q1", "H10"] });
    expect(root?.detail).toBe(
      "the platform's plugin hosting hung while booting: Plugin host request timed out after 10.00s (plugin=builtin.anchor.basic)",
    );
    expect(root?.detail).not.toContain("question");
    expect(root?.remedy).toBe(REMEDIES.hosting_timeout);
  });

  test("the remedy is the platform's (its query port's) where it has one, else the suite's own", () => {
    const missing = (id: string) => record(id, infra("corpus_missing", "environment"));
    expect(sharedCauseOf(missing("a"))?.remedy).toBe("give the queries a corpus: QUALIFY_CORPUS_DB=<metadata.db>");
    expect(sharedCauseOf(missing("a"), false, { corpus_missing: "the platform's own words" })?.remedy).toBe(
      "the platform's own words",
    );
    expect(sharedCauseOf(record("a", infra("hosting_timeout", "hosting")))?.remedy).toBe("");
  });

  test("different causes, or a cause a query may have on its own (a timeout, a wrong answer), confirm nothing", () => {
    expect(
      confirmRootCause(record("a", infra("hosting_timeout", "hosting")), record("b", infra("boot_failed", "plugin"))),
    ).toBeNull();
    expect(sharedCauseOf(record("a", infra("query_timeout", "plugin")))).toBeNull();
    expect(
      sharedCauseOf(
        record("a", { class: "fail", reason: "answer_wrong", attribution: "plugin", dependencies: [], detail: "" }),
      ),
    ).toBeNull();
  });

  test("a case not run for the root cause is infra_error with it, pointing to it; without one it is the suite's fault", () => {
    const root = confirmRootCause(
      record("Q1", infra("hosting_timeout", "hosting")),
      record("H10", infra("hosting_timeout", "hosting")),
    )!;
    expect(notRunVerdict(root)).toMatchObject({
      class: "infra_error",
      reason: "hosting_timeout",
      attribution: "hosting",
      detail: expect.stringMatching(/^not run: .*root_cause, seen in Q1 and H10/),
    });
    expect(notRunVerdict(null)).toMatchObject({ class: "infra_error", attribution: "suite" });
  });
});
