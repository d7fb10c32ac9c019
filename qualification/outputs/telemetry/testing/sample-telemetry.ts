import type { Telemetry } from "../../../../contracts/telemetry.ts";

/** A small, hand-written telemetry document: every section filled, one of each kind of failure. Fresh each call. */
export function sampleTelemetry(): Telemetry {
  const zero = { busy_locked: 0, cannot_open: 0, corrupt: 0, io_error: 0, not_a_database: 0 };
  return {
    schema_version: 1,
    deterministic: false,
    service_mode: "only_8000_down",
    services_up: { service_7411: true, service_8000: false },
    plugin_load_failures: { "builtin.answer.basic": 2, "builtin.storage.sqlite": 0 },
    missing_capabilities: { "answer.builder": 1 },
    queries: [
      {
        case_id: "q1",
        tier: "non_service_strict",
        class: "infra_error",
        reason: "db_io",
        attribution: "io",
        stage_ms: { classic_query: 4.25, total: 12.5 },
        attempt_ms: [30.5, 20.25],
      },
      {
        case_id: "q2",
        tier: "service_backed_strict",
        class: "dependency_skipped",
        reason: null,
        attribution: "dependency",
        stage_ms: {},
        attempt_ms: [],
      },
    ],
    db: {
      "metadata.db": { read_errors: 3, write_errors: 0, by_class: { ...zero, busy_locked: 3 }, read_latency_ms: 0.5 },
      "metadata.live.db": { read_errors: 0, write_errors: 0, by_class: { ...zero }, read_latency_ms: null },
    },
    failures: [
      {
        kind: "plugin",
        id: "builtin.answer.basic",
        check: "loaded",
        status: "fail",
        reason: "LOAD_FAILED",
        attribution: "plugin",
      },
      {
        kind: "query",
        id: "q1",
        check: "non_service_strict",
        status: "infra_error",
        reason: "db_io",
        attribution: "io",
      },
    ],
    attribution_counts: { dependency: 0, environment: 0, hosting: 0, io: 1, plugin: 1, suite: 0 },
    verdicts: {
      ok: false,
      plugins_judged: 2,
      plugins_qualified: 1,
      plugins_retired: 0,
      checks: { hash_ok: { pass: 2 }, loaded: { fail: 1, pass: 1 } },
      run_checks: { config_valid: "pass", platform_cli: "infra_error" },
      queries: { dependency_skipped: 1, infra_error: 1 },
    },
  };
}
