import type { ExpectedAnswer } from "../../contracts/expected-answers.ts";
import type {
  AnswerView,
  CitationFact,
  InfraFinding,
  QueryAttempt,
  QueryRootCause,
  QueryVerdict,
} from "../../contracts/query-run.ts";
import { canonicalJson } from "../shared/canonical/canonical-json.ts";
import { diffJson, getPointer } from "../shared/json/json-pointer.ts";

export interface QueryCaseFacts {
  readonly route: "cli" | "popup";
  readonly expect: ExpectedAnswer;
  readonly attempts: readonly QueryAttempt[];
  /** The first answer's citations, looked up in the corpus DB (empty when there is no answer). */
  readonly citations: readonly CitationFact[];
  readonly storageHealthy: boolean;
  /** No corpus DB where the queries looked (the run's input is missing): failures are corpus_missing, not db_io. */
  readonly corpusMissing: boolean;
}

const verdict = (
  cls: QueryVerdict["class"],
  reason: QueryVerdict["reason"],
  attribution: QueryVerdict["attribution"],
  detail: string,
  extra: Partial<QueryVerdict> = {},
): QueryVerdict => ({
  class: cls,
  reason,
  attribution,
  dependencies: [],
  detail,
  ...extra,
});

/**
 * What an attempt means, by route; null for an answer. The tier's own rules first: a query that ran out of time
 * is a timeout (the popup service's, on its route: `service_7411` is the suite's name for the service that route
 * asks), and a popup route without output means that service is down. Otherwise it is what the adapter recorded
 * reading its platform's output or stderr (`attempt.finding`); an attempt without an answer for which it recorded
 * nothing still never passes as one.
 */
export function attemptFinding(attempt: QueryAttempt, route: "cli" | "popup"): InfraFinding | null {
  if (attempt.outcome === "timeout")
    return {
      reason: "query_timeout",
      attribution: route === "popup" ? "dependency" : "plugin",
      dependencies: route === "popup" ? ["service_7411"] : [],
      marker: attempt.detail,
    };
  if (attempt.outcome !== "result" && route === "popup")
    return {
      reason: "dependency_down",
      attribution: "dependency",
      dependencies: ["service_7411"],
      marker: attempt.detail,
    };
  if (attempt.finding !== null || attempt.answer !== null) return attempt.finding;
  return { reason: "boot_failed", attribution: "plugin", dependencies: [], marker: attempt.detail };
}

/** Causes that stand whatever the storage looks like: they happened before, or outside, any read of the corpus. */
const OWN_CAUSES = new Set([
  "query_timeout",
  "dependency_down",
  "db_io",
  "corpus_missing",
  "hosting_timeout",
  "environment_error",
  "output_invalid",
]);
/** Causes met before the corpus is looked at: a missing corpus does not explain them (it may explain nothing else). */
const BEFORE_THE_CORPUS = new Set(["boot_failed", "capability_missing"]);

/** Lower-cased text of everything a person reads in an answer. */
function answerText(answer: AnswerView): string {
  return [answer.summary, ...answer.bullets, ...answer.claims.map((c) => c.text)].join("\n").toLowerCase();
}

/**
 * Pure: a case's recorded facts → its class. Order: any attempt carrying an infrastructure marker (or no result)
 * → infra_error, never an answer; answers that differ between attempts → nondeterministic; then the first
 * answer against the corpus and the expectation: citation_invalid, retrieval_miss, answer_wrong. While storage
 * is unhealthy, a failure is blamed on storage I/O (`db_io`), not on a plugin; timeouts and services keep theirs.
 */
export function judgeQueryCase(facts: QueryCaseFacts): QueryVerdict {
  const judged = judgeAnswer(facts);
  if (judged.class === "pass" || (judged.reason !== null && OWN_CAUSES.has(judged.reason))) return judged;
  if (facts.corpusMissing) {
    // No DB file is no I/O fault: what happened before the corpus was looked at keeps its own cause.
    if (judged.reason !== null && BEFORE_THE_CORPUS.has(judged.reason)) return judged;
    return verdict(
      "infra_error",
      "corpus_missing",
      "environment",
      `no corpus to query (no metadata.db or metadata.live.db where the platform reads; see db_health.json), so this failure is not a plugin verdict; it would have been ${judged.class} ${judged.reason}: ${judged.detail}`,
    );
  }
  if (facts.storageHealthy) return judged;
  return verdict(
    "infra_error",
    "db_io",
    "io",
    `storage is unhealthy (see db_health.json), so this failure is not a plugin verdict; it would have been ${judged.class} ${judged.reason}: ${judged.detail}`,
  );
}

function judgeAnswer({ route, expect, attempts, citations }: QueryCaseFacts): QueryVerdict {
  if (attempts.length === 0) return verdict("infra_error", "boot_failed", "plugin", "no attempt was recorded");
  for (const [index, attempt] of attempts.entries()) {
    const infra = attemptFinding(attempt, route);
    if (infra)
      return verdict(
        "infra_error",
        infra.reason,
        infra.attribution,
        `attempt ${index + 1}/${attempts.length}: ${infra.marker}; ${attempt.detail} — an infrastructure outcome, not an answer`,
        { dependencies: [...infra.dependencies] },
      );
  }
  const answers = attempts.map((a) => a.answer!);
  const first = answers[0]!;
  const other = attempts.findIndex((a) => a.signature !== attempts[0]!.signature);
  if (other > 0) {
    const where = diffJson(first, answers[other]).map((d) => d.pointer || "/");
    return verdict(
      "fail",
      "nondeterministic",
      "plugin",
      `attempt ${other + 1}/${attempts.length} answered differently from attempt 1 (at ${where.join(", ")})`,
      { expected: first, actual: answers[other] },
    );
  }
  const unreadable = citations.find((c) => c.problems.includes("db_unreadable"));
  if (unreadable)
    return verdict(
      "infra_error",
      "db_io",
      "io",
      `the corpus DB could not be read to check the citation of ${unreadable.record_id}`,
    );
  const bad = citations.filter((c) => c.problems.length > 0);
  if (bad.length > 0)
    return verdict(
      "fail",
      "citation_invalid",
      "plugin",
      `${bad.length} of ${citations.length} citation(s) do not match the corpus: ${bad.map((c) => `${c.record_id ?? "(no record id)"}: ${c.problems.join(", ")}`).join("; ")}`,
      { actual: bad },
    );

  const states = Array.isArray(expect.answer_state) ? expect.answer_state : [expect.answer_state];
  if (first.state === null || !(states as readonly string[]).includes(first.state)) {
    const missed = first.state === "no_evidence" && states.some((s) => s === "ok" || s === "partial");
    return verdict(
      "fail",
      missed ? "retrieval_miss" : "answer_wrong",
      "plugin",
      `answer.state is ${JSON.stringify(first.state)}, expected ${states.join(" | ")}`,
      { expected: states, actual: first.state },
    );
  }
  const cited = new Set(first.claims.flatMap((c) => c.citations.map((r) => r.record_id ?? r.evidence_id)));
  const missing = expect.required_citations.map((r) => r.record_id).filter((id) => !cited.has(id));
  if (missing.length > 0)
    return verdict("fail", "retrieval_miss", "plugin", `the answer does not cite ${missing.join(", ")}`, {
      expected: expect.required_citations.map((r) => r.record_id),
      actual: [...cited].sort(),
    });
  const count = citations.length;
  if (count < expect.min_citations) {
    const uncited = first.claims.length > 0;
    return verdict(
      "fail",
      uncited ? "citation_invalid" : "retrieval_miss",
      "plugin",
      `${count} citation(s), at least ${expect.min_citations} required${uncited ? " (claims without citations)" : " (no claims)"}`,
      { expected: expect.min_citations, actual: count },
    );
  }
  const text = answerText(first);
  const absent = expect.contains_all.filter((needle) => !text.includes(needle.toLowerCase()));
  if (absent.length > 0)
    return verdict(
      "fail",
      "answer_wrong",
      "plugin",
      `the answer does not contain ${absent.map((a) => JSON.stringify(a)).join(", ")}`,
      { expected: expect.contains_all, actual: first.summary },
    );
  for (const { pointer, value } of expect.json_path_equals) {
    const got = getPointer(first, pointer);
    if (!got.found || canonicalJson(got.value) !== canonicalJson(value))
      return verdict(
        "fail",
        "answer_wrong",
        "plugin",
        `${pointer} is ${got.found ? canonicalJson(got.value) : "absent"}, expected ${canonicalJson(value)}`,
        { expected: value, actual: got.found ? got.value : null },
      );
  }
  return verdict(
    "pass",
    null,
    null,
    `${attempts.length} identical answer(s), state ${first.state}, ${count} citation(s) verified against the corpus`,
  );
}

/**
 * A case not run because every query meets the run's root cause (found on one case, confirmed on another):
 * infra_error with that cause, pointing to it. Without a recorded root cause there is no reason not to run.
 */
export function notRunVerdict(root: QueryRootCause | null): QueryVerdict {
  if (root === null)
    return verdict(
      "infra_error",
      "boot_failed",
      "suite",
      "the case was not run, yet the run records no root cause for that",
    );
  // A cause seen on no case (the platform has no query path at all) keeps every case from running, not just CLI ones.
  const where =
    root.seen_in.length > 0
      ? `every CLI query meets the run-level root cause (queries › root_cause, seen in ${root.seen_in.join(" and ")})`
      : "the run-level root cause keeps every query from running (queries › root_cause)";
  return verdict("infra_error", root.reason, root.attribution, `not run: ${where}: ${root.detail}`);
}
