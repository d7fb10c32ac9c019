import type { Telemetry } from "../../../contracts/telemetry.ts";
import { compareCodePoints } from "../../shared/canonical/canonical-json.ts";

export const TELEMETRY_PROM_FILE = "telemetry.prom";

type Labels = Readonly<Record<string, string>>;
interface Family {
  readonly name: string;
  readonly help: string;
  readonly samples: Array<{ labels: Labels; value: number }>;
}

/** Label values: backslash, double quote and line feed are escaped (Prometheus text format 0.0.4). */
function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

/** HELP text: backslash and line feed are escaped. */
function escapeHelp(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "+Inf" : "-Inf";
  return String(value);
}

function sampleLine(name: string, labels: Labels, value: number): string {
  const keys = Object.keys(labels).sort(compareCodePoints);
  const body = keys.map((key) => `${key}="${escapeLabelValue(labels[key]!)}"`).join(",");
  return `${name}${keys.length > 0 ? `{${body}}` : ""} ${formatValue(value)}`;
}

/**
 * Pure: telemetry.json → Prometheus text exposition format. Every family has HELP and TYPE lines (all
 * gauges: a run's snapshot, not a process's running counters); families are sorted by name and samples by
 * their rendered label set, so the same telemetry gives the same bytes.
 */
export function renderPrometheus(t: Telemetry): string {
  const families: Family[] = [];
  const family = (name: string, help: string): Family["samples"] => {
    const samples: Family["samples"] = [];
    families.push({ name: `qualify_${name}`, help, samples });
    return samples;
  };
  const mode = family(
    "service_mode",
    "The service mode recorded before any query was judged (1 for the current mode).",
  );
  if (t.service_mode) mode.push({ labels: { mode: t.service_mode }, value: 1 });
  const up = family("service_up", "Whether the service answered its full probe sequence (1) or not (0).");
  for (const [service, isUp] of Object.entries(t.services_up)) up.push({ labels: { service }, value: isUp ? 1 : 0 });
  const load = family("plugin_load_failures", "Load-report errors plus load-phase check failures, per plugin.");
  for (const [plugin, count] of Object.entries(t.plugin_load_failures)) load.push({ labels: { plugin }, value: count });
  const caps = family(
    "missing_capability",
    "How often a capability was found missing (kernel-required, declared-but-absent, query-time).",
  );
  for (const [capability, count] of Object.entries(t.missing_capabilities))
    caps.push({ labels: { capability }, value: count });
  const result = family("query_result", "One series per query case: its class, reason and attribution (value 1).");
  // Base units (seconds), as Prometheus names them; telemetry.json keeps the milliseconds it measured.
  const stage = family(
    "query_stage_seconds",
    "The platform's own stage latency of the case's first attempt, in seconds.",
  );
  const attempt = family("query_attempt_seconds", "Wall time of each attempt as the harness measured it, in seconds.");
  for (const q of t.queries) {
    const id = { case_id: q.case_id, tier: q.tier };
    result.push({
      labels: { ...id, class: q.class, reason: q.reason ?? "", attribution: q.attribution ?? "" },
      value: 1,
    });
    for (const [name, ms] of Object.entries(q.stage_ms))
      stage.push({ labels: { ...id, stage: name }, value: ms / 1000 });
    q.attempt_ms.forEach((ms, i) => attempt.push({ labels: { ...id, attempt: String(i + 1) }, value: ms / 1000 }));
  }
  const reads = family(
    "db_read_errors",
    "Metadata DB read errors (read-only probes and the platform's own SQLite messages), per file.",
  );
  const writes = family("db_write_errors", "Metadata DB write errors reported by the platform, per file.");
  const byClass = family("db_errors", "Metadata DB errors by SQLite error class, per file.");
  const latency = family(
    "db_read_latency_seconds",
    "The read-only probe's SELECT count(*) latency, per readable file, in seconds.",
  );
  for (const [path, counters] of Object.entries(t.db)) {
    reads.push({ labels: { path }, value: counters.read_errors });
    writes.push({ labels: { path }, value: counters.write_errors });
    for (const [cls, count] of Object.entries(counters.by_class))
      byClass.push({ labels: { path, class: cls }, value: count });
    if (counters.read_latency_ms !== null) latency.push({ labels: { path }, value: counters.read_latency_ms / 1000 });
  }
  const attribution = family("failures", "Failing results (plugin checks, run checks, query cases) by root cause.");
  for (const [cause, count] of Object.entries(t.attribution_counts))
    attribution.push({ labels: { attribution: cause }, value: count });
  const v = t.verdicts;
  family("ok", "1 when everything judged passed (exit code 0), else 0.").push({ labels: {}, value: v.ok ? 1 : 0 });
  const plugins = family(
    "plugins",
    "Plugins judged in this run, by state (judged, qualified: all six checks pass, retired).",
  );
  plugins.push(
    { labels: { state: "judged" }, value: v.plugins_judged },
    { labels: { state: "qualified" }, value: v.plugins_qualified },
    { labels: { state: "retired" }, value: v.plugins_retired },
  );
  const checks = family("check_results", "Plugin check verdicts by check and status.");
  for (const [check, byStatus] of Object.entries(v.checks))
    for (const [status, count] of Object.entries(byStatus)) checks.push({ labels: { check, status }, value: count });
  const runChecks = family("run_check_passed", "Run-level checks: 1 passed, 0 not (its status as a label).");
  for (const [check, status] of Object.entries(v.run_checks))
    runChecks.push({ labels: { check, status }, value: status === "pass" ? 1 : 0 });
  const cases = family("query_cases", "Query cases by class.");
  for (const [cls, count] of Object.entries(v.queries)) cases.push({ labels: { class: cls }, value: count });

  const lines: string[] = [];
  for (const f of families.sort((a, b) => compareCodePoints(a.name, b.name))) {
    lines.push(`# HELP ${f.name} ${escapeHelp(f.help)}`, `# TYPE ${f.name} gauge`);
    lines.push(...f.samples.map((s) => sampleLine(f.name, s.labels, s.value)).sort(compareCodePoints));
  }
  return `${lines.join("\n")}\n`;
}
