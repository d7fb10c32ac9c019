import fc from "fast-check";
import { describe, expect, test } from "vitest";
import type { MarkerFields } from "../../../../../contracts/query-run.ts";
import { infraFromMarkers } from "./infra-markers.ts";
import { readCliResult, readPopupResponse, runIdPrefix } from "./read-platform-output.ts";

const answer: MarkerFields = {
  ok: true,
  error: null,
  run_id_prefix: "qry_",
  method: "classic",
  answer_state: "ok",
  summary: "Invoice 4711 is due on 2026-02-01",
  blocked_reason: "schedule_extract_disabled",
  popup_blocked_reason: null,
  skip_reason: null,
  missing_capabilities: [],
  golden_error_code: null,
  error_detail: null,
};
const m = (over: Partial<MarkerFields>): MarkerFields => ({ ...answer, ...over });

/**
 * The "timeout-as-answer trap": the evaluation tool's rewrite of a timeout into a no_evidence row
 * (`tools/run_advanced10_queries.py` `_contractize_query_failure`).
 */
const REWRITTEN_TIMEOUT = {
  ok: true,
  error: "query_timeout:90s",
  answer: { state: "no_evidence", claims: [], display: { summary: "Not available yet (query_timeout).", bullets: [] } },
  processing: {
    extraction: { blocked_reason: "query_timeout" },
    query_trace: {
      method: "metadata_only_degraded",
      query_run_id: "qry_degraded_0123456789abcdef",
      stage_ms: { total: 90000 },
    },
  },
};

describe("runIdPrefix", () => {
  test.each([
    ["qry_20260115T101500123456Z_0123456789ab", "qry_"],
    ["qry_guard_0123456789ab", "qry_guard_"],
    ["qry_popup_timeout_0123456789ab", "qry_popup_timeout_"],
    ["qry_degraded_0123456789abcdef", "qry_degraded_"],
    ["something-else", "other"],
  ])("%s → %s", (id, prefix) => expect(runIdPrefix(id)).toBe(prefix));
});

describe("infraFromMarkers: the platform's not-an-answer markers", () => {
  test("a normal answer and a legitimate no_evidence answer are answers", () => {
    expect(infraFromMarkers(answer, "cli")).toBeNull();
    expect(
      infraFromMarkers(m({ answer_state: "no_evidence", summary: "Not available yet (no_evidence)." }), "cli"),
    ).toBeNull();
  });

  test("the rewritten timeout is a query_timeout, although ok is true and the state is no_evidence", () => {
    const { markers } = readCliResult(REWRITTEN_TIMEOUT);
    expect(markers).toMatchObject({
      ok: true,
      answer_state: "no_evidence",
      run_id_prefix: "qry_degraded_",
      method: "metadata_only_degraded",
    });
    expect(infraFromMarkers(markers, "cli")).toMatchObject({ reason: "query_timeout" });
    // The adapter records its reading on the output it hands the tier: the judge reads that, not the markers.
    expect(readCliResult(REWRITTEN_TIMEOUT).finding).toEqual(infraFromMarkers(markers, "cli"));
    // Each marker alone is enough.
    expect(
      infraFromMarkers(
        m({ answer_state: "no_evidence", method: "metadata_only_degraded", blocked_reason: "query_timeout" }),
        "cli",
      )?.reason,
    ).toBe("query_timeout");
    expect(
      infraFromMarkers(m({ answer_state: "no_evidence", summary: "Not available yet (query_timeout)." }), "cli")
        ?.reason,
    ).toBe("query_timeout");
    expect(
      infraFromMarkers(
        m({ answer_state: "no_evidence", run_id_prefix: "qry_degraded_", blocked_reason: "query_failed" }),
        "cli",
      )?.reason,
    ).toBe("degraded_result");
  });

  test.each<[string, Partial<MarkerFields>, "cli" | "popup", string, string[]]>([
    [
      "popup timeout marker",
      { ok: false, error: "popup_query_timeout", run_id_prefix: "qry_popup_timeout_", answer_state: "degraded" },
      "popup",
      "query_timeout",
      ["service_7411"],
    ],
    ["evaluation-tool timeout", { ok: false, error: "query_timeout:90s" }, "cli", "query_timeout", []],
    [
      "VLM unstable skip",
      { error: "skipped_vlm_unstable", skip_reason: "vlm_unstable:models_http_503", answer_state: "skipped" },
      "cli",
      "dependency_down",
      ["service_8000"],
    ],
    [
      "external vLLM unavailable",
      { ok: false, error: "external_vllm_unavailable" },
      "cli",
      "dependency_down",
      ["service_8000"],
    ],
    [
      "popup upstream unreachable",
      { ok: false, popup_blocked_reason: "autocapture_upstream_unreachable", run_id_prefix: "qry_popup_error_" },
      "popup",
      "dependency_down",
      ["service_8000"],
    ],
    [
      "query compute disabled",
      { ok: false, popup_blocked_reason: "query_compute_disabled" },
      "popup",
      "dependency_down",
      ["service_7411"],
    ],
    [
      "other popup error",
      { ok: false, error: "boom", run_id_prefix: "qry_popup_error_" },
      "popup",
      "dependency_down",
      ["service_7411"],
    ],
    [
      "freshness guard: unreadable source",
      { ok: false, error: "stale_or_unreadable_source", run_id_prefix: "qry_guard_", answer_state: "degraded" },
      "cli",
      "db_io",
      [],
    ],
    [
      "freshness guard: lag",
      { ok: false, error: "freshness_lag_exceeded", run_id_prefix: "qry_guard_", answer_state: "degraded" },
      "cli",
      "degraded_result",
      [],
    ],
    [
      "missing capabilities",
      {
        ok: false,
        error: "query_capability_missing",
        run_id_prefix: "qry_cap_missing_",
        missing_capabilities: ["answer.builder"],
      },
      "cli",
      "capability_missing",
      [],
    ],
    [
      "boot failure",
      { ok: false, error: "kernel_boot_failed", run_id_prefix: "qry_boot_fail_" },
      "cli",
      "boot_failed",
      [],
    ],
    [
      "boot failure naming SQLite",
      {
        ok: false,
        error: "kernel_boot_failed",
        run_id_prefix: "qry_boot_fail_",
        error_detail: "OperationalError: disk I/O error",
      },
      "cli",
      "db_io",
      [],
    ],
    ["golden pipeline failure", { golden_error_code: "golden_state_query_exception" }, "cli", "degraded_result", []],
    ["degraded state", { answer_state: "degraded" }, "cli", "degraded_result", []],
    [
      "ok false, unknown error",
      { ok: false, error: "query_failed: ValueError: x", answer_state: "error" },
      "cli",
      "degraded_result",
      [],
    ],
    [
      "ok false, SQLite message",
      { ok: false, error: "query_failed: OperationalError: database is locked", answer_state: "error" },
      "cli",
      "db_io",
      [],
    ],
  ])("%s", (_name, over, route, reason, dependencies) => {
    expect(infraFromMarkers(m(over), route)).toMatchObject({ reason, dependencies });
  });

  test("property: any timeout or degraded marker makes an output infrastructure, whatever ok and answer.state say", () => {
    const marker = fc.constantFrom<Partial<MarkerFields>>(
      { run_id_prefix: "qry_degraded_" },
      { method: "metadata_only_degraded" },
      { summary: "Not available yet (query_timeout)." },
      { summary: "Not available yet (query_failed)." },
      { run_id_prefix: "qry_popup_timeout_" },
      { run_id_prefix: "qry_popup_error_" },
      { run_id_prefix: "qry_guard_" },
      { run_id_prefix: "qry_cap_missing_" },
      { run_id_prefix: "qry_boot_fail_" },
      { error: "popup_query_timeout" },
      { error: "query_timeout:12s" },
      { error: "query_output_not_json:xyz" },
      { answer_state: "degraded" },
      { golden_error_code: "golden_state_query_disabled" },
    );
    fc.assert(
      fc.property(
        marker,
        fc.option(fc.boolean(), { nil: null }),
        fc.constantFrom("ok", "no_evidence", "partial", null),
        fc.constantFrom<"cli" | "popup">("cli", "popup"),
        (over, ok, state, route) => {
          const markers = m({ ok, answer_state: state, ...over });
          expect(infraFromMarkers(markers, route)).not.toBeNull();
        },
      ),
    );
  });
});

describe("readPopupResponse", () => {
  test("groups flat citations into claims by claim_index and keeps the popup's markers", () => {
    const out = readPopupResponse({
      ok: true,
      query: "q",
      query_run_id: "qry_20260115T101500123456Z_0123456789ab",
      state: "ok",
      summary: "Answer: x",
      bullets: ["a", "b"],
      latency_ms_total: 12,
      citations: [
        {
          claim_index: 0,
          citation_index: 0,
          claim_text: "a",
          record_id: "r1",
          evidence_hash: "h",
          offset_start: 0,
          offset_end: 1,
          span_sha256: null,
        },
        {
          claim_index: 1,
          citation_index: 0,
          claim_text: "b",
          record_id: "r2",
          evidence_hash: "h",
          offset_start: 0,
          offset_end: 1,
          span_sha256: null,
        },
        {
          claim_index: 1,
          citation_index: 1,
          claim_text: "b",
          record_id: "r3",
          evidence_hash: "h",
          offset_start: 0,
          offset_end: 1,
          span_sha256: null,
        },
      ],
    });
    expect(out.answer.claims.map((c) => [c.text, c.citations.map((r) => r.record_id)])).toEqual([
      ["a", ["r1"]],
      ["b", ["r2", "r3"]],
    ]);
    expect(out.stageMs).toEqual({ total: 12 });
    expect(infraFromMarkers(out.markers, "popup")).toBeNull();
    expect(out.finding).toBeNull();
  });

  test("a hostile claim_index does not allocate its way to a crash", () => {
    const out = readPopupResponse({
      ok: true,
      state: "ok",
      citations: [{ claim_index: 1e9, claim_text: "x", record_id: "r" }],
    });
    expect(out.answer.claims).toHaveLength(1);
  });
});
