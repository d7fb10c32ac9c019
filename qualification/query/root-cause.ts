import type { QueryCaseRecord, QueryRootCause } from "../../contracts/query-run.ts";
import { attemptFinding } from "./judge-query-case.ts";

/**
 * Causes a CLI query meets before the question matters: the platform cannot start (boot, hosting, environment),
 * has no corpus, or lacks the query capabilities (checked before any query runs). Seen on one case and confirmed
 * on another, such a cause is the run's, not each case's.
 */
const SHARED = new Set<string>(["corpus_missing", "hosting_timeout", "environment_error", "boot_failed", "capability_missing"]);
const isShared = (reason: string | null): reason is QueryRootCause["reason"] => reason !== null && SHARED.has(reason);

const REMEDIES: Record<string, string> = {
  corpus_missing: "give the queries a corpus: QUALIFY_CORPUS_DB=<metadata.db>, or AUTOCAPTURE_DATA_DIR=<a data dir holding metadata.db>",
  hosting_timeout:
    "the platform's subprocess hosting hangs on a nested capability call (a known platform behaviour, not a plugin defect): qualify the query tier with QUALIFY_QUERY_HOSTING=inproc, or list the plugins in plugins.hosting.inproc_allowlist (with justifications) in the platform's config",
  environment_error: "fix the environment the platform runs in (interpreter, packages, config, another instance holding the data dir): run the command shown and fix what it reports",
  boot_failed: "the platform cannot boot with this config and plugin set: run the command shown; the plugins' loaded and capability_present checks say which plugin is at fault",
  capability_missing: "the query path needs capabilities no loaded plugin provides: see the loaded and capability_present checks of the providers it names",
};

/** The run-level cause a case's verdict stands for, or null when its outcome may be its own. */
export function sharedCauseOf(record: QueryCaseRecord): Omit<QueryRootCause, "seen_in"> | null {
  const v = record.verdict;
  if (v.class !== "infra_error" || !isShared(v.reason) || v.attribution === null) return null;
  // The platform's own words for the cause, without the case's question (the verdict's detail carries both).
  const attempt = record.attempts[0];
  const finding = attempt && record.route !== "skipped" && record.route !== "not_run" ? attemptFinding(attempt, record.route) : null;
  const reason = v.reason;
  return { reason, attribution: v.attribution, detail: finding ? finding.marker : v.detail, remedy: REMEDIES[reason] ?? "" };
}

/** A confirmed root cause: both cases stood for the same one (the detail is the first case's). */
export function confirmRootCause(first: QueryCaseRecord, second: QueryCaseRecord): QueryRootCause | null {
  const a = sharedCauseOf(first);
  const b = sharedCauseOf(second);
  if (!a || !b || a.reason !== b.reason) return null;
  return { ...a, seen_in: [first.case_id, second.case_id] };
}
