import { describe, expect, test } from "vitest";
import type { PluginEvidence } from "../../../contracts/evidence.ts";
import type { QueryCaseRecord, QueryRun, SqliteHealth } from "../../../contracts/query-run.ts";
import { Telemetry } from "../../../contracts/telemetry.ts";
import type { Verdict } from "../../../contracts/verdict.ts";
import { buildTelemetry } from "./build-telemetry.ts";

const pass: Verdict = { status: "pass", reason: null, detail: "ok" };
const health = (over: Partial<SqliteHealth>): SqliteHealth => ({
  file: "metadata.db",
  present: true,
  healthy: true,
  error_class: null,
  error: null,
  quick_check: "ok",
  page_count: 1,
  journal_mode: "delete",
  wal_file: false,
  read_mode: "direct_ro",
  record_count: 1,
  ...over,
});
const expect0 = {
  answer_state: "ok" as const,
  contains_all: [],
  json_path_equals: [],
  required_citations: [],
  min_citations: 0,
};

function record(
  id: string,
  verdict: QueryCaseRecord["verdict"],
  error: string | null = null,
  missing: string[] = [],
): QueryCaseRecord {
  const markers = {
    ok: error === null,
    error,
    run_id_prefix: "qry_guard_",
    method: null,
    answer_state: "degraded",
    summary: null,
    blocked_reason: null,
    popup_blocked_reason: null,
    skip_reason: null,
    missing_capabilities: missing,
    golden_error_code: null,
    error_detail: error,
  };
  return {
    case_id: id,
    tier: "non_service_strict",
    query: id,
    route: "cli",
    command: null,
    hosting: "inproc",
    replay: "",
    expect: expect0,
    attempts: [{ outcome: "result", detail: "", markers, finding: null, answer: null, signature: null }],
    citations: [],
    storage_healthy: false,
    verdict,
  };
}

describe("buildTelemetry", () => {
  test("load failures by plugin, missing capabilities, DB counters by file and class, attributed failures", () => {
    const run: QueryRun = {
      schema_version: 2,
      expected: null,
      fault: null,
      corpus: { mode: "empty", source: null, sha256: null },
      hosting: null,
      root_cause: null,
      repeat: 1,
      services: { mode: "service_down", services: [] },
      storage: [],
      cases: [
        record(
          "locked",
          { class: "infra_error", reason: "db_io", attribution: "io", dependencies: [], detail: "" },
          "OperationalError: database is locked (metadata.live.db)",
        ),
        record(
          "nocap",
          { class: "infra_error", reason: "capability_missing", attribution: "plugin", dependencies: [], detail: "" },
          "query_capability_missing",
          ["answer.builder"],
        ),
        record("skip", {
          class: "dependency_skipped",
          reason: null,
          attribution: "dependency",
          dependencies: ["service_7411"],
          detail: "",
        }),
      ],
      summary: {
        non_service_strict: { total: 3, evaluated: 0, passed: 0, failed: 0, infra_error: 2, dependency_skipped: 1 },
        service_backed_strict: { total: 0, evaluated: 0, passed: 0, failed: 0, infra_error: 0, dependency_skipped: 0 },
      },
    };
    const probes = [
      {
        health: [
          health({ healthy: false, error_class: "busy_locked" }),
          health({ file: "metadata.live.db", present: false }),
        ],
        readMs: { "metadata.db": null, "metadata.live.db": null },
      },
      {
        health: [health({}), health({ file: "metadata.live.db", present: false })],
        readMs: { "metadata.db": 0.25, "metadata.live.db": null },
      },
    ];
    const evidence = {
      plugins: [
        {
          plugin_id: "p.a",
          platform_load: {
            status: "failed",
            errors: [
              { phase: "import", error: "x", entrypoint: "e" },
              { phase: "init", error: "y", entrypoint: "e" },
            ],
          },
        },
        { plugin_id: "p.b", platform_load: { status: "loaded", errors: [] } },
      ] as unknown as PluginEvidence[],
    };
    const verdicts = new Map<string, Record<string, Verdict>>([
      [
        "p.a",
        {
          loaded: { status: "fail", reason: "LOAD_FAILED", detail: "" },
          capability_present: {
            status: "fail",
            reason: "CAPABILITY_MISSING",
            detail: "",
            expected: ["x.y", "x.z"],
            actual: ["x.y"],
          },
        },
      ],
      ["p.b", { loaded: pass, functional: { status: "infra_error", reason: "DEPENDENCY_DOWN", detail: "" } }],
    ]);
    const t = Telemetry.parse(
      buildTelemetry({
        services: { mode: "service_down", services: [] },
        query: {
          run,
          timings: new Map([["locked", { stageMs: { total: 3 }, attemptMs: [5] }]]),
          storageProbes: probes,
        },
        evidence,
        pluginVerdicts: verdicts,
        runVerdicts: {
          required_capabilities: {
            status: "fail",
            reason: "CAPABILITY_MISSING",
            detail: "",
            expected: ["answer.builder"],
            actual: null,
          },
        },
      }),
    );
    expect(t.service_mode).toBe("service_down");
    expect(t.plugin_load_failures).toEqual({ "p.a": 2, "p.b": 0 });
    expect(t.missing_capabilities).toEqual({ "answer.builder": 2, "x.z": 1 });
    expect(t.db["metadata.db"]).toMatchObject({ read_errors: 1, by_class: { busy_locked: 1 }, read_latency_ms: null });
    expect(t.db["metadata.live.db"]).toMatchObject({ read_errors: 1, by_class: { busy_locked: 1 } });
    expect(t.queries.map((q) => [q.case_id, q.class, q.stage_ms, q.attempt_ms])).toEqual([
      ["locked", "infra_error", { total: 3 }, [5]],
      ["nocap", "infra_error", {}, []],
      ["skip", "dependency_skipped", {}, []],
    ]);
    expect(t.failures.map((f) => [f.kind, f.id, f.check, f.attribution])).toEqual([
      ["plugin", "p.a", "capability_present", "plugin"],
      ["plugin", "p.a", "loaded", "plugin"],
      ["plugin", "p.b", "functional", "dependency"],
      ["query", "locked", "non_service_strict", "io"],
      ["query", "nocap", "non_service_strict", "plugin"],
      ["run", "run", "required_capabilities", "plugin"],
    ]);
    expect(t.attribution_counts).toEqual({ dependency: 1, environment: 0, hosting: 0, io: 1, plugin: 4, suite: 0 });
  });

  test("plugin IDs and capability names that are Object.prototype member names are counted like any other", () => {
    const evidence = {
      plugins: ["__proto__", "constructor", "toString"].map((plugin_id) => ({
        plugin_id,
        platform_load: { status: "failed", errors: [{ phase: "load", error: "x", entrypoint: "e" }] },
      })) as unknown as PluginEvidence[],
    };
    const verdicts = new Map<string, Record<string, Verdict>>([
      [
        "constructor",
        {
          capability_present: {
            status: "fail",
            reason: "CAPABILITY_MISSING",
            detail: "",
            expected: ["__proto__", "hasOwnProperty"],
            actual: [],
          },
        },
      ],
    ]);
    const t = buildTelemetry({ services: null, query: null, evidence, pluginVerdicts: verdicts, runVerdicts: null });
    expect(JSON.parse(JSON.stringify(t.plugin_load_failures))).toEqual(
      JSON.parse('{"__proto__": 1, "constructor": 1, "toString": 1}'),
    );
    expect(Object.keys(t.missing_capabilities).sort()).toEqual(["__proto__", "hasOwnProperty"]);
    expect(Object.values(t.missing_capabilities)).toEqual([1, 1]);
  });

  test("a run that judged nothing still has every section (telemetry is written on every run)", () => {
    const t = Telemetry.parse(
      buildTelemetry({
        services: null,
        query: null,
        evidence: { plugins: [] },
        pluginVerdicts: new Map(),
        runVerdicts: null,
      }),
    );
    expect(t).toMatchObject({
      service_mode: null,
      services_up: { service_7411: false, service_8000: false },
      queries: [],
      failures: [],
      attribution_counts: { dependency: 0, environment: 0, hosting: 0, io: 0, plugin: 0, suite: 0 },
    });
    expect(Object.keys(t.db).sort()).toEqual(["metadata.db", "metadata.live.db"]);
  });
});
