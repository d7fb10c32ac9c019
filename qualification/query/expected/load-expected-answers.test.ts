import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { EXAMPLE_PLATFORM, tempDir } from "../../../setup/testing/example-copy.ts";
import { platformPathToPointer } from "./convert-platform-expected.ts";
import { loadExpectedAnswers } from "./load-expected-answers.ts";

const EXAMPLE_EXPECTED = join(EXAMPLE_PLATFORM, "corpus/expected_answers.json");

/**
 * A small platform-format pair in its usual layout: docs/contracts/<contract> + docs/query_eval_cases_advanced20.json.
 */
function platformFiles(contract: unknown, cases: unknown): { contract: string; cases: string } {
  const root = tempDir("platform-expected");
  mkdirSync(join(root, "docs/contracts"), { recursive: true });
  const files = {
    contract: join(root, "docs/contracts/real_corpus_expected_answers_v1.json"),
    cases: join(root, "docs/query_eval_cases_advanced20.json"),
  };
  writeFileSync(files.contract, JSON.stringify(contract));
  writeFileSync(files.cases, JSON.stringify(cases));
  return files;
}

const CONTRACT = {
  schema: "autocapture.real_corpus_expected_answers.v1",
  version: "v1",
  generated_utc: "2026-02-01T00:00:00Z",
  owner: "autocapture_prime",
  strict: {
    blocking_suite: "advanced20",
    expected_total: 2,
    source_policy: {
      require_real_corpus: true,
      disallowed_substrings: ["/artifacts/single_image_runs/", "_uia_synthetic_", "/synthetic/"],
    },
    cases: [
      {
        id: "Q1",
        suite: "advanced20",
        allow_indeterminate: false,
        require_citations: true,
        allowed_answer_states: ["ok"],
      },
      {
        id: "H1",
        suite: "advanced20",
        allow_indeterminate: true,
        require_citations: false,
        allowed_answer_states: ["ok", "partial"],
      },
    ],
  },
  generic_policy: { suite: "generic20", blocking: false, informational_only: true },
};
const CASES = [
  {
    id: "Q1",
    question: "When is invoice 4711 due?",
    improved: "",
    risked: "",
    enforcement_location: "",
    regression_detection: "",
    expected_contains_all: ["4711"],
    expected_paths: [{ path: "answer.display.fields.due_date", equals: "2026-02-01" }],
  },
  {
    id: "H1",
    question: "Which flight did I book?",
    expected_answer: { flight: "LH 438", must_contain: ["Chicago"] },
    acceptance: { contains_all: ["42C"] },
    source: "real",
  },
  { id: "G7", question: "not strict" },
];

describe("loadExpectedAnswers: the suite's format", () => {
  test("the committed example file is valid: both strict sets, non-service cases first", () => {
    const load = loadExpectedAnswers(EXAMPLE_EXPECTED, null, null);
    expect(load.fault).toBeNull();
    expect(load.source).toMatchObject({ format: "suite", source: EXAMPLE_EXPECTED, cases: null });
    const tiers = load.cases.map((c) => c.tier);
    expect(tiers.indexOf("service_backed_strict")).toBeGreaterThan(tiers.lastIndexOf("non_service_strict"));
    expect(new Set(tiers)).toEqual(new Set(["non_service_strict", "service_backed_strict"]));
  });

  test("no file: no cases, no fault (the report says none were configured)", () => {
    expect(loadExpectedAnswers(null, null, null)).toEqual({ cases: [], source: null, fault: null });
  });

  test("every problem of a bad file at once, each with its JSON pointer", () => {
    const file = join(tempDir("expected"), "bad.json");
    const item = {
      case_id: "a",
      query: "q",
      tier: "non_service_strict",
      expect: { answer_state: "ok", contains_all: [], json_path_equals: [], required_citations: [], min_citations: 0 },
    };
    writeFileSync(
      file,
      JSON.stringify({
        schema_version: 1,
        non_service_strict: [item, item, { ...item, case_id: "b", tier: "service_backed_strict" }],
        service_backed_strict: [{ ...item, case_id: "c", expect: { ...item.expect, answer_state: "fine" } }],
      }),
    );
    const load = loadExpectedAnswers(file, null, null);
    expect(load.cases).toEqual([]);
    expect(load.fault?.code).toBe("EXPECTED_INVALID");
    expect(load.fault?.issues.map((i) => i.pointer).sort()).toEqual(["/service_backed_strict/0/expect/answer_state"]);
    writeFileSync(
      file,
      JSON.stringify({
        schema_version: 1,
        non_service_strict: [item, item, { ...item, case_id: "b", tier: "service_backed_strict" }],
        service_backed_strict: [],
      }),
    );
    expect(
      loadExpectedAnswers(file, null, null)
        .fault?.issues.map((i) => i.pointer)
        .sort(),
    ).toEqual(["/non_service_strict/1/case_id", "/non_service_strict/2/tier"]);
  });

  test("malformed JSON, a directory and a symlink are unreadable faults, not crashes", () => {
    const dir = tempDir("expected-bad");
    writeFileSync(join(dir, "broken.json"), "{ nope");
    symlinkSync(EXAMPLE_EXPECTED, join(dir, "link.json"));
    for (const name of ["broken.json", "link.json", "."])
      expect(loadExpectedAnswers(join(dir, name), null, null).fault?.code).toBe("EXPECTED_UNREADABLE");
  });
});

describe("loadExpectedAnswers: the platform's real_corpus_expected_answers_v1.json + cases file", () => {
  test("converted: strict cases only, allowed states (+ indeterminate), contains, paths, the citation rule", () => {
    const files = platformFiles(CONTRACT, CASES);
    const load = loadExpectedAnswers(files.contract, null, null);
    expect(load.fault).toBeNull();
    expect(load.source).toMatchObject({ format: "platform", cases: { source: files.cases } });
    expect(load.cases).toEqual([
      {
        case_id: "Q1",
        query: "When is invoice 4711 due?",
        tier: "non_service_strict",
        expect: {
          answer_state: "ok",
          contains_all: ["4711"],
          json_path_equals: [{ pointer: "/fields/due_date", value: "2026-02-01" }],
          required_citations: [],
          min_citations: 1,
        },
      },
      {
        case_id: "H1",
        query: "Which flight did I book?",
        tier: "non_service_strict",
        expect: {
          answer_state: ["ok", "partial", "indeterminate"],
          contains_all: ["Chicago", "42C", "LH 438"],
          json_path_equals: [],
          required_citations: [],
          min_citations: 0,
        },
      },
    ]);
  });

  test("a case marked requires_vlm is service-backed", () => {
    const files = platformFiles(
      CONTRACT,
      CASES.map((c) => (c.id === "H1" ? { ...c, requires_vlm: true } : c)),
    );
    expect(loadExpectedAnswers(files.contract, null, null).cases.find((c) => c.case_id === "H1")?.tier).toBe(
      "service_backed_strict",
    );
  });

  test("contract problems are reported together: total mismatch, unknown state, a case missing from the cases file", () => {
    const strict = {
      ...CONTRACT.strict,
      expected_total: 20,
      cases: [...CONTRACT.strict.cases, { id: "Q9", allowed_answer_states: ["sure"] }],
    };
    const files = platformFiles({ ...CONTRACT, strict }, CASES);
    const load = loadExpectedAnswers(files.contract, null, null);
    expect(load.fault?.code).toBe("EXPECTED_INVALID");
    expect(load.fault?.issues.map((i) => i.pointer)).toEqual([
      "/strict/expected_total",
      "/strict/cases/2/allowed_answer_states/0",
      "/strict/cases/2/allowed_answer_states",
      "",
    ]);
    expect(load.fault?.detail).toContain("contract_expected_total_mismatch");
  });

  test("a missing cases file and a disallowed corpus source are faults", () => {
    const files = platformFiles(CONTRACT, CASES);
    expect(loadExpectedAnswers(files.contract, join(tempDir("nothing"), "cases.json"), null).fault?.code).toBe(
      "EXPECTED_CASES_MISSING",
    );
    expect(loadExpectedAnswers(files.contract, null, "/data/synthetic/metadata.db").fault).toMatchObject({
      code: "EXPECTED_SOURCE_DISALLOWED",
      issues: [{ pointer: "/strict/source_policy/disallowed_substrings", message: "/synthetic/" }],
    });
  });

  test.each([
    ["answer.display.fields.due_date", "/fields/due_date"],
    ["answer.state", "/state"],
    ["/answer/summary", "/summary"],
    ["claims.0.text", "/claims/0/text"],
    ["fields.a/b", "/fields/a~1b"],
  ])("platform path %s → %s", (path, pointer) => expect(platformPathToPointer(path)).toBe(pointer));
});
