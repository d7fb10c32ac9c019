import type { AnswerView, CitationRef, MarkerFields } from "../../../../../contracts/query-run.ts";
import { setOwn } from "../../../../shared/canonical/set-own.ts";
import type { PlatformOutput } from "../../query-port.ts";
import { infraFromMarkers } from "./infra-markers.ts";

type Json = Record<string, unknown>;
const obj = (value: unknown): Json =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Json) : {};
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const str = (value: unknown): string | null => (typeof value === "string" ? value : null);
const num = (value: unknown): number | null => (typeof value === "number" && Number.isFinite(value) ? value : null);
const bool = (value: unknown): boolean | null => (typeof value === "boolean" ? value : null);
const strings = (value: unknown): string[] => list(value).filter((v): v is string => typeof v === "string");

/**
 * The special run-ID prefixes (`autocapture_nx/ux/facade.py`, `autocapture/web/routes/query.py`,
 * `tools/run_advanced10_queries.py`), longest first; a normal run ID reduces to `qry_`, anything else to `other`.
 */
const SPECIAL_PREFIXES = [
  "qry_popup_timeout_",
  "qry_popup_error_",
  "qry_cap_missing_",
  "qry_boot_fail_",
  "qry_degraded_",
  "qry_guard_",
] as const;

/** Run IDs carry the clock and random hex; only their prefix is evidence (and deterministic). */
export function runIdPrefix(runId: string | null): string | null {
  if (runId === null) return null;
  const special = SPECIAL_PREFIXES.find((prefix) => runId.startsWith(prefix));
  if (special) return special;
  return /^qry_\d{8}T\d{6,}Z_[0-9a-f]+$/.test(runId) ? "qry_" : "other";
}

function numbers(value: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, raw] of Object.entries(obj(value))) {
    const n = num(raw);
    if (n !== null) setOwn(out, key, n);
  }
  return out;
}

function citationRef(raw: unknown): CitationRef {
  const c = obj(raw);
  const locator = obj(c.locator);
  return {
    record_id: str(locator.record_id) ?? str(c.record_id) ?? str(c.evidence_id),
    evidence_id: str(c.evidence_id),
    evidence_hash: str(c.evidence_hash),
    record_hash: str(locator.record_hash) ?? str(c.record_hash),
    offset_start: num(locator.offset_start) ?? num(c.offset_start),
    offset_end: num(locator.offset_end) ?? num(c.offset_end),
    span_sha256: str(locator.span_sha256) ?? str(c.span_sha256),
  };
}

function errorDetail(answer: Json): string | null {
  const details = list(answer.errors)
    .map((e) => str(obj(e).detail) ?? str(obj(e).error))
    .filter((d): d is string => d !== null);
  return details.length > 0 ? details.join("; ") : null;
}

/**
 * The CLI's result object (`autocapture_nx/kernel/query.py` `run_query`, printed by `autocapture_nx/cli.py`
 * `cmd_query`).
 */
export function readCliResult(result: unknown): PlatformOutput {
  const root = obj(result);
  const answer = obj(root.answer);
  const display = obj(answer.display);
  const processing = obj(root.processing);
  const trace = obj(processing.query_trace);
  const markers: MarkerFields = {
    ok: bool(root.ok),
    error: str(root.error),
    run_id_prefix: runIdPrefix(str(trace.query_run_id)),
    method: str(trace.method),
    answer_state: str(answer.state),
    summary: str(display.summary) ?? str(answer.summary),
    blocked_reason: str(obj(processing.extraction).blocked_reason) ?? str(obj(root.evaluation).blocked_reason),
    popup_blocked_reason: null,
    skip_reason: str(root.skip_reason),
    // The facade puts them in the query trace (`_query_capability_missing_result`); older outputs at the top.
    missing_capabilities: [
      ...new Set([...strings(root.missing_capabilities), ...strings(trace.missing_capabilities)]),
    ].sort(),
    golden_error_code: str(obj(processing.golden_pipeline).error_code),
    error_detail: errorDetail(answer),
  };
  const view: AnswerView = {
    state: str(answer.state),
    summary: str(display.summary) ?? str(answer.summary) ?? "",
    bullets: strings(display.bullets),
    fields: obj(display.fields),
    claims: list(answer.claims).map((claim) => ({
      text: str(obj(claim).text) ?? "",
      citations: list(obj(claim).citations).map(citationRef),
    })),
  };
  return { markers, answer: view, finding: infraFromMarkers(markers, "cli"), stageMs: numbers(trace.stage_ms) };
}

/**
 * The popup response (`autocapture/web/routes/query.py` `_popup_payload`): flat citations carrying `claim_index` /
 * `claim_text`.
 */
export function readPopupResponse(response: unknown): PlatformOutput {
  const root = obj(response);
  const state = str(root.state) ?? str(obj(root.answer).state);
  const markers: MarkerFields = {
    ok: bool(root.ok),
    error: str(root.error),
    run_id_prefix: runIdPrefix(str(root.query_run_id)),
    method: null,
    answer_state: state,
    summary: str(root.summary),
    blocked_reason: null,
    popup_blocked_reason: str(root.processing_blocked_reason),
    skip_reason: str(root.skip_reason),
    missing_capabilities: strings(root.missing_capabilities).sort(),
    golden_error_code: null,
    error_detail: null,
  };
  const claims: AnswerView["claims"] = [];
  for (const item of list(root.citations)) {
    const c = obj(item);
    const rawIndex = num(c.claim_index);
    // A hostile or broken index must not make the harness allocate millions of empty claims.
    const index =
      rawIndex !== null && Number.isInteger(rawIndex) && rawIndex >= 0 && rawIndex < 1000 ? rawIndex : claims.length;
    while (claims.length <= index) claims.push({ text: "", citations: [] });
    const claim = claims[index]!;
    if (claim.text === "") claim.text = str(c.claim_text) ?? "";
    claim.citations.push(citationRef(c));
  }
  const view: AnswerView = {
    state,
    summary: str(root.summary) ?? "",
    bullets: strings(root.bullets),
    fields: obj(root.fields),
    claims,
  };
  const total = num(root.latency_ms_total);
  return {
    markers,
    answer: view,
    finding: infraFromMarkers(markers, "popup"),
    stageMs: total === null ? {} : { total },
  };
}
