import type {
  Attribution,
  InfraFinding,
  InfraReason,
  MarkerFields,
  ServiceId,
} from "../../../../../contracts/query-run.ts";
import { classifySqliteText } from "../../../storage/sqlite-error-class.ts";

const GUARD_ERRORS = ["stale_or_unreadable_source", "stage2_not_progressing", "freshness_lag_exceeded"] as const;
const REWRITTEN_SUMMARIES = ["Not available yet (query_timeout).", "Not available yet (query_failed)."] as const;

const finding = (
  reason: InfraReason,
  attribution: Attribution,
  marker: string,
  dependencies: readonly ServiceId[] = [],
): InfraFinding => ({ reason, attribution, dependencies: [...dependencies], marker });

function texts(m: MarkerFields): string[] {
  return [m.error, m.popup_blocked_reason, m.blocked_reason, m.skip_reason].filter((t): t is string => t !== null);
}

/**
 * The markers that say "this is not an answer", in order. They come from the platform's query facade
 * (`autocapture_nx/ux/facade.py`: `qry_guard_`, `qry_cap_missing_`, `qry_boot_fail_`), its popup route
 * (`autocapture/web/routes/query.py`: `qry_popup_*`, `popup_query_timeout`), its evaluation tool
 * (`tools/run_advanced10_queries.py`: `query_timeout:`, `qry_degraded_`, `metadata_only_degraded`, VLM skips) and
 * the golden query path (`autocapture_nx/kernel/query.py`: `golden_state_query_*`). Never decided by `ok` or
 * `answer.state` alone — a legitimate `no_evidence` answer has neither a special run-ID prefix, nor the
 * `metadata_only_degraded` method, nor a rewritten summary, nor an error. Returns null for an answer.
 * `route` only decides who a timeout is blamed on: the popup service, or the platform's own process.
 */
export function infraFromMarkers(m: MarkerFields, route: "cli" | "popup"): InfraFinding | null {
  const error = m.error ?? "";
  const all = texts(m).join(" ");
  const rewritten =
    m.run_id_prefix === "qry_degraded_" ||
    m.method === "metadata_only_degraded" ||
    (REWRITTEN_SUMMARIES as readonly string[]).includes(m.summary ?? "");
  const timeoutSource = route === "popup" ? (["service_7411"] as const) : [];
  if (
    error.startsWith("query_timeout:") ||
    error === "popup_query_timeout" ||
    m.run_id_prefix === "qry_popup_timeout_" ||
    (rewritten && /timeout/i.test(`${all} ${m.summary ?? ""}`))
  )
    return finding(
      "query_timeout",
      route === "popup" ? "dependency" : "plugin",
      `timeout marker (${error || m.run_id_prefix || m.summary})`,
      timeoutSource,
    );
  if (
    error === "skipped_vlm_unstable" ||
    error === "external_vllm_unavailable" ||
    (m.skip_reason ?? "").startsWith("vlm_unstable:")
  )
    return finding("dependency_down", "dependency", `port 8000 marker (${m.skip_reason ?? error})`, ["service_8000"]);
  if (/autocapture_upstream_unreachable/.test(all))
    return finding("dependency_down", "dependency", "autocapture_upstream_unreachable", ["service_8000"]);
  // The popup's preflight rule: its `processing_blocked_reason` or `error` says the sidecar cannot compute. A CLI
  // answer's `extraction.blocked_reason` is `query_compute_disabled` on every read-only query: not a marker there.
  if (/query_compute_disabled/.test(`${m.popup_blocked_reason ?? ""} ${error}`))
    return finding("dependency_down", "dependency", "query_compute_disabled", ["service_7411"]);
  if (m.run_id_prefix === "qry_popup_error_")
    return finding("dependency_down", "dependency", `popup error (${error || "qry_popup_error_"})`, ["service_7411"]);
  if (rewritten)
    return finding(
      "degraded_result",
      "plugin",
      `failure rewritten as an answer (${m.method ?? m.run_id_prefix ?? m.summary})`,
    );
  if (m.run_id_prefix === "qry_guard_" || (GUARD_ERRORS as readonly string[]).includes(error)) {
    // The guard's own detail says whether the source is unreadable or simply not there: no corpus is an input
    // the run lacks, not a disk fault (`selected_unreadable:missing`).
    if (/(^|[:\s])missing\b/.test(m.error_detail ?? ""))
      return finding("corpus_missing", "environment", `freshness guard: no corpus DB (${m.error_detail})`);
    return error === "stale_or_unreadable_source" || error === ""
      ? finding(
          "db_io",
          "io",
          `freshness guard (${error || "qry_guard_"}${m.error_detail ? `: ${m.error_detail}` : ""})`,
        )
      : finding("degraded_result", "io", `freshness guard (${error})`);
  }
  if (m.run_id_prefix === "qry_cap_missing_" || error === "query_capability_missing")
    return finding(
      "capability_missing",
      "plugin",
      `query_capability_missing: ${m.missing_capabilities.join(", ") || "(none named)"}`,
    );
  if (
    m.run_id_prefix === "qry_boot_fail_" ||
    error === "kernel_boot_failed" ||
    error.startsWith("query_output_not_json:")
  )
    return storageOr(m, finding("boot_failed", "plugin", error || "qry_boot_fail_"));
  if (
    m.answer_state === "degraded" ||
    /^golden_state_query_/.test(error) ||
    /^golden_state_query_/.test(m.golden_error_code ?? "")
  )
    return storageOr(
      m,
      finding(
        "degraded_result",
        "plugin",
        `degraded pipeline (${m.golden_error_code ?? (error || "answer.state degraded")})`,
      ),
    );
  if (m.ok === false)
    return storageOr(m, finding("degraded_result", "plugin", `ok: false (${error || "no error given"})`));
  return null;
}

/** The platform's own words naming a SQLite failure move the blame from the plugin stack to storage I/O. */
function storageOr(m: MarkerFields, fallback: InfraFinding): InfraFinding {
  const cls = classifySqliteText([m.error, m.error_detail].filter((t) => t !== null).join(" "));
  return cls ? finding("db_io", "io", `${fallback.marker}; the platform reports a SQLite ${cls}`) : fallback;
}
