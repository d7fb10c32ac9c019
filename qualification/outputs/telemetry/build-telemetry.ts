import type { RunEvidence } from "../../../contracts/evidence.ts";
import type { Attribution, QueryRun, ServiceHealthReport, SqliteErrorClass } from "../../../contracts/query-run.ts";
import {
  Attribution as AttributionEnum,
  SqliteErrorClass as SqliteErrorClassEnum,
} from "../../../contracts/query-run.ts";
import type { Telemetry } from "../../../contracts/telemetry.ts";
import type { Verdict } from "../../../contracts/verdict.ts";
import { compareCodePoints } from "../../shared/canonical/canonical-json.ts";
import type { CaseTimings } from "../../query/run-query-cases.ts";
import type { StorageProbe } from "../../gather/storage/storage-health.ts";
import { classifySqliteText, isWriteErrorText } from "../../gather/storage/sqlite-error-class.ts";
import { getOwn, setOwn } from "../../shared/canonical/set-own.ts";
import { EXIT_QUALIFIED, exitCodeOf } from "../../session/exit-code.ts";

export interface TelemetryInputs {
  /** Recorded before anything is judged; every run has it, even one that ran no query. */
  readonly services: ServiceHealthReport | null;
  readonly query: {
    readonly run: QueryRun;
    readonly timings: ReadonlyMap<string, CaseTimings>;
    readonly storageProbes: readonly StorageProbe[];
  } | null;
  readonly evidence: Pick<RunEvidence, "plugins">;
  /** The verdicts of every plugin judged in this run (a filtered run judges fewer). */
  readonly pluginVerdicts: ReadonlyMap<string, Readonly<Record<string, Verdict>>>;
  readonly runVerdicts: Readonly<Record<string, Verdict>> | null;
}

const DB_FILES = ["metadata.db", "metadata.live.db"] as const;
type DbFile = (typeof DB_FILES)[number];

const SUITE_FAULTS = new Set([
  "RUNNER_API",
  "RUNNER_CRASHED",
  "RUNNER_OUTPUT_INVALID",
  "RUNNER_FAILED",
  "PROBE_LOAD_DIVERGED",
]);
const ENVIRONMENT_FAULTS = new Set([
  "INTERPRETER_UNUSABLE",
  "ENVIRONMENT_ERROR",
  "CLI_TIMEOUT",
  "CLI_FAILED",
  "CLI_OUTPUT_INVALID",
  "UPSTREAM_INFRA_ERROR",
]);

/**
 * A plugin or run verdict's root cause: a service, storage I/O, the platform's hosting (a hang), the environment
 * (interpreter, packages, the platform's CLI), the suite's own machinery, or (every fail) the plugin stack.
 */
function verdictAttribution(verdict: Verdict): Attribution {
  if (verdict.reason === "DEPENDENCY_DOWN") return "dependency";
  if (verdict.reason === "HASH_IO_ERROR") return "io";
  if (verdict.reason === "PROBE_TIMEOUT" || verdict.reason === "HOSTING_TIMEOUT") return "hosting";
  if (verdict.reason !== null && SUITE_FAULTS.has(verdict.reason)) return "suite";
  if (verdict.reason !== null && ENVIRONMENT_FAULTS.has(verdict.reason)) return "environment";
  return "plugin";
}

const bump = (map: Record<string, number>, key: string, by = 1): void => setOwn(map, key, (getOwn(map, key) ?? 0) + by);
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];

/** Capabilities a CAPABILITY_MISSING verdict names: expected minus actual (both checks record them that way). */
function missingOf(verdict: Verdict | undefined): string[] {
  if (!verdict || verdict.reason !== "CAPABILITY_MISSING") return [];
  const actual = new Set(strings(verdict.actual));
  return strings(verdict.expected).filter((cap) => !actual.has(cap));
}

function emptyDb(): Telemetry["db"][DbFile] {
  return {
    read_errors: 0,
    write_errors: 0,
    by_class: Object.fromEntries(SqliteErrorClassEnum.options.map((c) => [c, 0])) as Record<SqliteErrorClass, number>,
    read_latency_ms: null,
  };
}

/**
 * Pure: one run's failure telemetry (seed Task 4.1). Counts come from recorded verdicts and evidence; DB error
 * counters from every read-only storage probe of the run plus the platform's own SQLite messages in query
 * outputs (by file name; a message naming no file counts against the primary).
 */
export function buildTelemetry(inputs: TelemetryInputs): Telemetry {
  const services = inputs.services ?? inputs.query?.run.services ?? null;
  const pluginLoadFailures: Record<string, number> = {};
  const missing: Record<string, number> = {};
  const failures: Telemetry["failures"] = [];
  for (const plugin of inputs.evidence.plugins) {
    const verdicts = inputs.pluginVerdicts.get(plugin.plugin_id);
    const loadFailed = verdicts?.loaded?.status === "fail" ? 1 : 0;
    bump(pluginLoadFailures, plugin.plugin_id, Math.max(plugin.platform_load.errors.length, loadFailed));
  }
  for (const [pluginId, verdicts] of inputs.pluginVerdicts) {
    for (const cap of missingOf(verdicts.capability_present)) bump(missing, cap);
    for (const [check, verdict] of Object.entries(verdicts))
      if (verdict.status === "fail" || verdict.status === "infra_error")
        failures.push({
          kind: "plugin",
          id: pluginId,
          check,
          status: verdict.status,
          reason: verdict.reason,
          attribution: verdictAttribution(verdict),
        });
  }
  for (const [check, verdict] of Object.entries(inputs.runVerdicts ?? {})) {
    for (const cap of missingOf(verdict)) bump(missing, cap);
    if (verdict.status === "fail" || verdict.status === "infra_error")
      failures.push({
        kind: "run",
        id: "run",
        check,
        status: verdict.status,
        reason: verdict.reason,
        attribution: verdictAttribution(verdict),
      });
  }

  const db = Object.fromEntries(DB_FILES.map((file) => [file, emptyDb()])) as Telemetry["db"];
  const countError = (file: DbFile, cls: SqliteErrorClass, write: boolean): void => {
    if (write) db[file].write_errors += 1;
    else db[file].read_errors += 1;
    db[file].by_class[cls] += 1;
  };
  const queries: Telemetry["queries"] = [];
  if (inputs.query) {
    const { run, timings, storageProbes } = inputs.query;
    for (const probe of storageProbes)
      for (const health of probe.health)
        if (!health.healthy && health.error_class) countError(health.file, health.error_class, false);
    const first = storageProbes[0];
    if (first) for (const file of DB_FILES) db[file].read_latency_ms = first.readMs[file];
    for (const item of run.cases) {
      const timing = timings.get(item.case_id);
      queries.push({
        case_id: item.case_id,
        tier: item.tier,
        class: item.verdict.class,
        reason: item.verdict.reason,
        attribution: item.verdict.attribution,
        stage_ms: timing?.stageMs ?? {},
        attempt_ms: [...(timing?.attemptMs ?? [])],
      });
      const caps = new Set(item.attempts.flatMap((a) => a.markers?.missing_capabilities ?? []));
      for (const cap of caps) bump(missing, cap);
      for (const attempt of item.attempts) {
        const text = [attempt.markers?.error, attempt.markers?.error_detail]
          .filter((t): t is string => typeof t === "string")
          .join(" ");
        const cls = classifySqliteText(text);
        if (cls)
          countError(/metadata\.live\.db/.test(text) ? "metadata.live.db" : "metadata.db", cls, isWriteErrorText(text));
      }
      if (item.verdict.class === "fail" || item.verdict.class === "infra_error")
        failures.push({
          kind: "query",
          id: item.case_id,
          check: item.tier,
          status: item.verdict.class,
          reason: item.verdict.reason,
          attribution: item.verdict.attribution ?? "plugin",
        });
    }
  }
  failures.sort((a, b) =>
    compareCodePoints(`${a.kind}\u0000${a.id}\u0000${a.check}`, `${b.kind}\u0000${b.id}\u0000${b.check}`),
  );
  const attribution_counts = Object.fromEntries(AttributionEnum.options.map((a) => [a, 0])) as Record<
    Attribution,
    number
  >;
  for (const failure of failures) attribution_counts[failure.attribution] += 1;
  return {
    schema_version: 1,
    deterministic: false,
    verdicts: verdictCounts(inputs, queries),
    service_mode: services?.mode ?? null,
    services_up: {
      service_7411: services?.services.some((s) => s.service === "service_7411" && s.up) ?? false,
      service_8000: services?.services.some((s) => s.service === "service_8000" && s.up) ?? false,
    },
    plugin_load_failures: pluginLoadFailures,
    missing_capabilities: missing,
    queries,
    db,
    failures,
    attribution_counts,
  };
}

function verdictCounts(inputs: TelemetryInputs, queries: Telemetry["queries"]): Telemetry["verdicts"] {
  const checks: Record<string, Record<string, number>> = {};
  const statuses: string[] = [];
  let qualified = 0;
  let retired = 0;
  for (const [, verdicts] of [...inputs.pluginVerdicts].sort(([a], [b]) => compareCodePoints(a, b))) {
    const all = Object.entries(verdicts);
    for (const [check, verdict] of all) {
      bump((checks[check] ??= {}), verdict.status);
      statuses.push(verdict.status);
    }
    if (all.length > 0 && all.every(([, v]) => v.status === "not_applicable")) retired += 1;
    else if (all.length > 0 && all.every(([, v]) => v.status === "pass")) qualified += 1;
  }
  const run_checks: Record<string, string> = {};
  for (const [check, verdict] of Object.entries(inputs.runVerdicts ?? {}).sort(([a], [b]) => compareCodePoints(a, b))) {
    run_checks[check] = verdict.status;
    statuses.push(verdict.status);
  }
  const byClass: Record<string, number> = {};
  for (const q of queries) {
    bump(byClass, q.class);
    statuses.push(q.class);
  }
  const sortKeys = <T>(r: Record<string, T>): Record<string, T> =>
    Object.fromEntries(Object.entries(r).sort(([a], [b]) => compareCodePoints(a, b)));
  return {
    ok: exitCodeOf(statuses) === EXIT_QUALIFIED,
    plugins_judged: inputs.pluginVerdicts.size,
    plugins_qualified: qualified,
    plugins_retired: retired,
    checks: sortKeys(Object.fromEntries(Object.entries(checks).map(([k, v]) => [k, sortKeys(v)]))),
    run_checks,
    queries: sortKeys(byClass),
  };
}
