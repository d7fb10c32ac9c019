import { lstatSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { ExpectedAnswers, type ExpectedAnswerCase } from "../../../contracts/expected-answers.ts";
import type { ExpectedSource, QueryFault } from "../../../contracts/query-run.ts";
import { sha256Hex } from "../../shared/canonical/canonical-json.ts";
import { MAX_JSON_BYTES } from "../../shared/io/read-json-file.ts";
import { escapeToken } from "../../shared/json/json-pointer.ts";
import { convertPlatformExpected, PLATFORM_EXPECTED_SCHEMA } from "./convert-platform-expected.ts";

export interface ExpectedLoad {
  /** Non-service cases first, then service-backed, each in file order. */
  readonly cases: readonly ExpectedAnswerCase[];
  readonly source: ExpectedSource | null;
  readonly fault: QueryFault | null;
}

type Read = { ok: true; value: unknown; sha256: string } | { ok: false; detail: string };

/** Any JSON value (the platform's cases file is a list), with the same refusals as the suite's other readers. */
function readJson(path: string): Read {
  try {
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) return { ok: false, detail: `${path} is a symlink; refusing to follow it` };
    if (!stat.isFile()) return { ok: false, detail: `${path} is not a regular file` };
    if (stat.size > MAX_JSON_BYTES)
      return { ok: false, detail: `${path} is ${stat.size} bytes, over the ${MAX_JSON_BYTES}-byte limit` };
    const bytes = readFileSync(path);
    return { ok: true, value: JSON.parse(bytes.toString("utf8").replace(/^\uFEFF/, "")), sha256: sha256Hex(bytes) };
  } catch (error) {
    return { ok: false, detail: `${path}: ${(error as Error).message}` };
  }
}

const fault = (
  code: QueryFault["code"],
  detail: string,
  file: string | null,
  issues: QueryFault["issues"] = [],
): ExpectedLoad => ({ cases: [], source: null, fault: { code, detail, file, issues } });

/**
 * Platform format only: the corpus must not come from a path the contract's `strict.source_policy` forbids (the
 * platform's `tools/run_real_corpus_readiness.py` `_source_path_disallowed`: any listed substring).
 */
function disallowedSource(contract: Record<string, unknown>, corpusPath: string | null): string | null {
  const policy = (contract.strict as { source_policy?: { disallowed_substrings?: unknown } } | undefined)
    ?.source_policy;
  const banned = Array.isArray(policy?.disallowed_substrings)
    ? policy.disallowed_substrings.filter((s): s is string => typeof s === "string" && s !== "")
    : [];
  return corpusPath === null ? null : (banned.find((s) => corpusPath.includes(s)) ?? null);
}

/**
 * QUALIFY_EXPECTED in either format: the suite's (`contracts/expected-answers.ts`) or the platform's
 * `real_corpus_expected_answers_v1.json` with its cases file (QUALIFY_EXPECTED_CASES, default
 * `<contract dir>/../query_eval_cases_advanced20.json`), converted. Every problem is reported at once, with its
 * JSON pointer; an unusable file is a fault (the query tier fails), never an empty pass.
 */
export function loadExpectedAnswers(
  file: string | null,
  casesFile: string | null,
  corpusPath: string | null,
): ExpectedLoad {
  if (file === null) return { cases: [], source: null, fault: null };
  const read = readJson(file);
  if (!read.ok) return fault("EXPECTED_UNREADABLE", read.detail, file);
  const value = read.value as Record<string, unknown> | null;
  let answers: ExpectedAnswers;
  let source: ExpectedSource;
  if (
    value !== null &&
    typeof value === "object" &&
    !Array.isArray(value) &&
    value.schema === PLATFORM_EXPECTED_SCHEMA
  ) {
    const casesPath = casesFile ?? resolve(dirname(file), "..", "query_eval_cases_advanced20.json");
    const cases = readJson(casesPath);
    if (!cases.ok)
      return fault(
        "EXPECTED_CASES_MISSING",
        `the platform contract needs its cases file: ${cases.detail} (set QUALIFY_EXPECTED_CASES)`,
        casesPath,
      );
    const banned = disallowedSource(value, corpusPath);
    if (banned !== null)
      return fault(
        "EXPECTED_SOURCE_DISALLOWED",
        `the corpus ${corpusPath} contains ${JSON.stringify(banned)}, which the contract's source_policy disallows`,
        file,
        [{ pointer: "/strict/source_policy/disallowed_substrings", message: banned }],
      );
    const converted = convertPlatformExpected(value, cases.value);
    if (!converted.answers) {
      const inCases = converted.issues.filter((i) => i.file === "cases");
      const issues = converted.issues.map((i) => ({
        pointer: i.pointer,
        message: `${i.file === "cases" ? casesPath : file}: ${i.message}`,
      }));
      const code = inCases.length === converted.issues.length ? "EXPECTED_CASES_INVALID" : "EXPECTED_INVALID";
      return fault(
        code,
        `${converted.issues.length} problem(s) converting ${file} with ${casesPath}: ${issues.map((i) => `${i.pointer || "/"}: ${i.message}`).join("; ")}`,
        code === "EXPECTED_CASES_INVALID" ? casesPath : file,
        issues,
      );
    }
    answers = converted.answers;
    source = {
      source: file,
      format: "platform",
      sha256: read.sha256,
      cases: { source: casesPath, sha256: cases.sha256 },
    };
  } else {
    const parsed = ExpectedAnswers.safeParse(value);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({
        pointer: i.path.length === 0 ? "" : `/${i.path.map((p) => escapeToken(String(p))).join("/")}`,
        message: i.message,
      }));
      return fault(
        "EXPECTED_INVALID",
        `${file}: ${issues.length} problem(s): ${issues.map((i) => `${i.pointer || "/"}: ${i.message}`).join("; ")}`,
        file,
        issues,
      );
    }
    answers = parsed.data;
    source = { source: file, format: "suite", sha256: read.sha256, cases: null };
  }
  // The converted file passes through the same schema, so duplicate IDs are caught in both formats.
  const checked = ExpectedAnswers.safeParse(answers);
  if (!checked.success)
    return fault(
      "EXPECTED_INVALID",
      `${file}: ${checked.error.issues.map((i) => `/${i.path.join("/")}: ${i.message}`).join("; ")}`,
      file,
    );
  return { cases: [...checked.data.non_service_strict, ...checked.data.service_backed_strict], source, fault: null };
}
