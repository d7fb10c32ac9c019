import { z } from "zod";
import { ServiceName } from "./probe-spec.ts";
import { Attribution, FinalQueryCase, ServiceMode, SqliteErrorClass } from "./query-run.ts";

/**
 * `telemetry.json`, written on every qualification run (pass, fail or partial). NOT part of the deterministic
 * output set: it carries latencies. Everything else in it is sorted, so two runs differ only in `*_ms` values.
 */

const DbCounters = z
  .object({
    read_errors: z.number().int(),
    write_errors: z.number().int(),
    by_class: z.record(SqliteErrorClass, z.number().int()),
    /** The read-only health probe's `SELECT count(*)` latency; null when the DB could not be read. */
    read_latency_ms: z.number().nullable(),
  })
  .strict();

const QueryLatency = FinalQueryCase.pick({ case_id: true, tier: true, class: true, reason: true, attribution: true })
  .extend({
    /** The platform's own `query_trace.stage_ms` of the first attempt (empty when it gave none). */
    stage_ms: z.record(z.string(), z.number()),
    /** Wall time of every attempt as the harness measured it. */
    attempt_ms: z.array(z.number()),
  })
  .strict();

const DbFile = z.enum(["metadata.db", "metadata.live.db"]);

export const Telemetry = z
  .object({
    schema_version: z.literal(1),
    deterministic: z.literal(false),
    service_mode: ServiceMode.nullable(),
    services_up: z.record(ServiceName, z.boolean()),
    /** Per plugin: load-report errors plus load-phase check failures. */
    plugin_load_failures: z.record(z.string(), z.number().int()),
    /** Per capability: how often it was found missing (kernel-required, declared-but-absent, query-time). */
    missing_capabilities: z.record(z.string(), z.number().int()),
    queries: z.array(QueryLatency),
    db: z.record(DbFile, DbCounters),
    failures: z.array(
      z
        .object({
          kind: z.enum(["query", "plugin", "run"]),
          id: z.string(),
          check: z.string(),
          status: z.string(),
          reason: z.string().nullable(),
          attribution: Attribution,
        })
        .strict(),
    ),
    attribution_counts: z.record(Attribution, z.number().int()),
    /** The run's verdicts in numbers (for dashboards and alerts): what was judged, by check and status. */
    verdicts: z
      .object({
        /** Everything judged passed: what exit code 0 means (qualification/session/exit-code.ts). */
        ok: z.boolean(),
        plugins_judged: z.number().int(),
        /** Plugins whose six checks all passed. */
        plugins_qualified: z.number().int(),
        /** Retired plugins (every check not_applicable). */
        plugins_retired: z.number().int(),
        /** Plugin checks: check → status → count. */
        checks: z.record(z.string(), z.record(z.string(), z.number().int())),
        /** Run checks: check → status. */
        run_checks: z.record(z.string(), z.string()),
        /** Query cases: class → count. */
        queries: z.record(z.string(), z.number().int()),
      })
      .strict(),
  })
  .strict();
export type Telemetry = z.infer<typeof Telemetry>;

/**
 * The proof bundle's copy of telemetry.json: every `*_ms` member removed
 * (qualification/outputs/telemetry/strip-latency.ts), so it is a pure function of the run's inputs and `deterministic`
 * is true. Derived from `Telemetry`, never restated.
 */
export const BundleTelemetry = Telemetry.extend({
  deterministic: z.literal(true),
  queries: z.array(QueryLatency.omit({ stage_ms: true, attempt_ms: true })),
  db: z.record(DbFile, DbCounters.omit({ read_latency_ms: true })),
}).strict();
export type BundleTelemetry = z.infer<typeof BundleTelemetry>;
