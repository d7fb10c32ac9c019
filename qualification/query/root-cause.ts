import type { QueryCaseRecord, QueryRootCause } from "../../contracts/query-run.ts";
import { attemptFinding } from "./judge-query-case.ts";
import type { PlatformFindings } from "../gather/adapters/platform-adapter.ts";
import type { QueryRemedies } from "../gather/adapters/query-port.ts";

/**
 * Causes a CLI query meets before the question matters: the platform cannot start (boot, hosting, environment),
 * has no corpus, or lacks the query capabilities (checked before any query runs). Seen on one case and confirmed
 * on another, such a cause is the run's, not each case's.
 */
const SHARED = new Set<string>([
  "corpus_missing",
  "hosting_timeout",
  "environment_error",
  "output_invalid",
  "boot_failed",
  "capability_missing",
]);
const isShared = (reason: string | null): boolean => reason !== null && SHARED.has(reason);

/** The suite's own remedies; the platform's (its query port's `remedies`, in its own terms) come first. */
const REMEDIES: QueryRemedies = {
  corpus_missing: "give the queries a corpus: QUALIFY_CORPUS_DB=<metadata.db>",
  environment_error:
    "fix the environment the platform runs in (interpreter, packages, config, another instance holding the data dir): run the command shown and fix what it reports",
  boot_failed:
    "the platform cannot boot with this config and plugin set: run the command shown; the plugins' loaded and capability_present checks say which plugin is at fault",
  capability_missing:
    "the query path needs capabilities no loaded plugin provides: see the loaded and capability_present checks of the providers it names",
  output_invalid:
    "something prints to stdout where the platform prints its JSON result: a plugin that writes to stdout while it loads is named by its checks (WRITES_TO_STDOUT)",
  query_timeout:
    "the platform's boot hangs in a plugin while it loads: fix the plugin named LOAD_HUNG (on its loaded check, or on capability_present and functional where the platform's load-report never ran its code)",
};

/** The run-level cause a case's verdict stands for, or null when its outcome may be its own. */
export function sharedCauseOf(
  record: QueryCaseRecord,
  bootHangs = false,
  remedies: QueryRemedies = {},
): Omit<QueryRootCause, "seen_in"> | null {
  const v = record.verdict;
  const reason = v.reason;
  const shared = isShared(reason) || (bootHangs && reason === "query_timeout");
  if (v.class !== "infra_error" || !shared || reason === null || v.attribution === null) return null;
  // The platform's own words for the cause, without the case's question (the verdict's detail carries both).
  const attempt = record.attempts[0];
  const finding =
    attempt && record.route !== "skipped" && record.route !== "not_run" ? attemptFinding(attempt, record.route) : null;
  // A timeout's own words name the command, question and all: the limit is what every case shares.
  const limit =
    reason === "query_timeout"
      ? /(?:did not finish|no answer) within (\d+) ms/.exec(attempt?.detail ?? "")?.[1]
      : undefined;
  const detail =
    limit !== undefined
      ? `every query got no answer within its ${limit} ms limit`
      : finding
        ? finding.marker
        : v.detail;
  const cause = reason as QueryRootCause["reason"];
  return { reason: cause, attribution: v.attribution, detail, remedy: remedies[cause] ?? REMEDIES[cause] ?? "" };
}

/**
 * A confirmed root cause: both cases stood for the same one (the detail is the first case's), named after the
 * plugin the suite's own load found behind it where there is one. Two queries that both time out are one cause
 * only when that load found a plugin hanging while it loads (every boot then hangs on it); otherwise a slow
 * query is its own outcome.
 */
export function confirmRootCause(
  first: QueryCaseRecord,
  second: QueryCaseRecord,
  findings: PlatformFindings | null = null,
  remedies: QueryRemedies = {},
): QueryRootCause | null {
  const hung = findings?.loadCulprits.filter((c) => c.kind === "hang").map((c) => c.plugin_id) ?? [];
  const a = sharedCauseOf(first, hung.length > 0, remedies);
  const b = sharedCauseOf(second, hung.length > 0, remedies);
  if (!a || !b || a.reason !== b.reason) return null;
  const named = blamed(a.reason, findings);
  const see =
    named.length > 0
      ? `; the suite's own load names ${named.join(", ")} (see ${named.length > 1 ? "their" : "its"} loaded, capability_present and functional checks)`
      : "";
  return {
    ...a,
    ...(named.length > 0 ? { attribution: "plugin" as const } : {}),
    detail: `${a.detail}${see}`,
    seen_in: [first.case_id, second.case_id],
  };
}

function blamed(reason: QueryRootCause["reason"], findings: PlatformFindings | null): string[] {
  if (findings === null) return [];
  if (reason === "output_invalid") return [...findings.stdoutWriters];
  if (reason === "query_timeout") return findings.loadCulprits.filter((c) => c.kind === "hang").map((c) => c.plugin_id);
  // A plugin that prints where its subprocess host answers breaks that host's protocol ("invalid plugin host
  // response"): a boot failure, explained by it as much as by a plugin that ends the interpreter.
  if (reason === "boot_failed")
    return [...new Set([...findings.loadCulprits.map((c) => c.plugin_id), ...findings.stdoutWriters])].sort();
  return [];
}
