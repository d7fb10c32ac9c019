import {
  AnswerState,
  QueryTier,
  type ExpectedAnswerCase,
  type ExpectedAnswers,
} from "../../../contracts/expected-answers.ts";
import { escapeToken } from "../../shared/json/json-pointer.ts";

export interface ConversionIssue {
  /** `contract` = real_corpus_expected_answers_v1.json, `cases` = the cases file. */
  readonly file: "contract" | "cases";
  readonly pointer: string;
  readonly message: string;
}

export const PLATFORM_EXPECTED_SCHEMA = "autocapture.real_corpus_expected_answers.v1";

type Json = Record<string, unknown>;
const obj = (value: unknown): Json | null =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Json) : null;
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string" && v !== "") : [];

/**
 * Array fields read as "must contain" lists, in `expected_answer` / `acceptance` of the H family (a guess: in the
 * platform's `docs/query_eval_cases_advanced20.json` both are free-form objects whose keys differ per case).
 */
const CONTAINS_KEYS = ["contains_all", "expected_contains_all", "must_contain"] as const;

/**
 * A platform path (`answer.display.fields.vendor`, `/answer/state`, `summary`) as a pointer into the suite's
 * answer view (`/fields/vendor`, `/state`, `/summary`). The platform's path syntax is not in the reference;
 * dotted and RFC 6901 forms are both accepted, and the `answer.` / `display.` prefixes dropped.
 */
export function platformPathToPointer(path: string): string {
  const tokens = path.startsWith("/") ? path.slice(1).split("/") : path.split(".").map(escapeToken);
  while (tokens[0] === "answer" || tokens[0] === "display") tokens.shift();
  return tokens.length === 0 ? "" : `/${tokens.join("/")}`;
}

function containsOf(entry: Json): string[] {
  const out = strings(entry.expected_contains_all);
  for (const section of [obj(entry.expected_answer), obj(entry.acceptance)]) {
    if (!section) continue;
    for (const key of CONTAINS_KEYS) out.push(...strings(section[key]));
  }
  // Scalar values of `expected_answer` are expected to appear in the answer text.
  for (const [key, value] of Object.entries(obj(entry.expected_answer) ?? {}))
    if (
      !(CONTAINS_KEYS as readonly string[]).includes(key) &&
      (typeof value === "string" || typeof value === "number") &&
      String(value) !== ""
    )
      out.push(String(value));
  return [...new Set(out)];
}

/**
 * The platform's strict contract (`docs/contracts/real_corpus_expected_answers_v1.json`) plus its cases file
 * (`docs/query_eval_cases_advanced20.json`) → the suite's format. The contract decides which cases are strict and their
 * allowed states / citation rule; the cases file gives the question and the expectations. The platform has no tiers: a
 * case is `non_service_strict` (its strict gate runs metadata-only) unless its cases entry says `tier` or
 * `requires_vlm: true`. All problems are returned.
 */
export function convertPlatformExpected(
  contract: Json,
  cases: unknown,
): { answers: ExpectedAnswers | null; issues: ConversionIssue[] } {
  const issues: ConversionIssue[] = [];
  const issue = (file: ConversionIssue["file"], pointer: string, message: string): void =>
    void issues.push({ file, pointer, message });
  const strict = obj(contract.strict);
  const strictCases = Array.isArray(strict?.cases) ? strict.cases : null;
  if (!strictCases) issue("contract", "/strict/cases", "expected an array of strict cases");
  if (!Array.isArray(cases)) issue("cases", "", "expected a JSON list of cases");
  if (!strictCases || !Array.isArray(cases)) return { answers: null, issues };
  if (typeof strict?.expected_total === "number" && strict.expected_total !== strictCases.length)
    issue(
      "contract",
      "/strict/expected_total",
      `contract_expected_total_mismatch: expected_total is ${strict.expected_total}, ${strictCases.length} strict case(s) listed`,
    );

  const entries = new Map<string, { entry: Json; index: number }>();
  cases.forEach((raw, index) => {
    const entry = obj(raw);
    if (entry && typeof entry.id === "string") entries.set(entry.id, { entry, index });
  });
  const out: ExpectedAnswers = {
    schema_version: 1,
    corpus: `converted from ${PLATFORM_EXPECTED_SCHEMA}`,
    non_service_strict: [],
    service_backed_strict: [],
  };
  strictCases.forEach((raw, index) => {
    const at = `/strict/cases/${index}`;
    const item = obj(raw);
    if (!item || typeof item.id !== "string") return issue("contract", at, "a strict case needs a string `id`");
    const allowed = Array.isArray(item.allowed_answer_states) ? item.allowed_answer_states : ["ok"];
    const states = allowed.filter((s): s is AnswerState => AnswerState.safeParse(s).success);
    allowed.forEach((s, i) => {
      if (!AnswerState.safeParse(s).success)
        issue("contract", `${at}/allowed_answer_states/${i}`, `not an answer state: ${JSON.stringify(s)}`);
    });
    if (item.allow_indeterminate === true && !states.includes("indeterminate")) states.push("indeterminate");
    if (states.length === 0) issue("contract", `${at}/allowed_answer_states`, "no allowed answer state");
    const found = entries.get(item.id);
    if (!found) return issue("cases", "", `strict case ${item.id} has no entry in the cases file`);
    const { entry } = found;
    const casePointer = `/${found.index}`;
    if (typeof entry.question !== "string" || entry.question.trim() === "")
      return issue("cases", `${casePointer}/question`, `case ${item.id}: expected a non-empty question`);
    if (states.length === 0) return;
    const tier = QueryTier.safeParse(entry.tier).success
      ? (entry.tier as QueryTier)
      : entry.requires_vlm === true
        ? "service_backed_strict"
        : "non_service_strict";
    const paths = Array.isArray(entry.expected_paths) ? entry.expected_paths : [];
    const jsonPaths: ExpectedAnswerCase["expect"]["json_path_equals"] = [];
    paths.forEach((p, i) => {
      const path = obj(p);
      if (!path || typeof path.path !== "string" || !("equals" in path))
        return issue("cases", `${casePointer}/expected_paths/${i}`, "expected {path, equals}");
      jsonPaths.push({ pointer: platformPathToPointer(path.path), value: path.equals });
    });
    out[tier].push({
      case_id: item.id,
      query: entry.question,
      tier,
      expect: {
        answer_state: states.length === 1 ? states[0]! : states,
        contains_all: containsOf(entry),
        json_path_equals: jsonPaths,
        required_citations: [],
        min_citations: item.require_citations === false ? 0 : 1,
      },
    });
  });
  return { answers: issues.length === 0 ? out : null, issues };
}
