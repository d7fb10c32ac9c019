import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { Telemetry } from "../../../contracts/telemetry.ts";
import { compareCodePoints } from "../../shared/canonical/canonical-json.ts";
import { runCommand } from "../../shared/process/run-command.ts";
import { renderPrometheus } from "./render-prometheus.ts";
import { sampleTelemetry } from "./testing/sample-telemetry.ts";

interface Sample {
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly value: number;
}

/**
 * A strict reader of the Prometheus text exposition format (0.0.4): HELP and TYPE once per family, before its
 * samples; metric and label names by the grammar; label values with only `\\`, `\"` and `\n` escapes; a value
 * per sample. Throws on anything else, so a test using it fails on invalid output.
 */
function parseExposition(text: string): { families: string[]; samples: Sample[] } {
  if (!text.endsWith("\n")) throw new Error("no final newline");
  const families: string[] = [];
  const samples: Sample[] = [];
  const typed = new Set<string>();
  let current: string | null = null;
  for (const line of text.slice(0, -1).split("\n")) {
    const meta = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/.exec(line);
    if (meta) {
      const [, kind, name, rest] = meta as unknown as [string, string, string, string];
      if (kind === "HELP") {
        if (families.includes(name)) throw new Error(`HELP for ${name} twice`);
        if (/\\[^\\n]/.test(rest.replace(/\\\\/g, ""))) throw new Error(`bad escape in HELP: ${rest}`);
        families.push(name);
        current = name;
      } else {
        if (current !== name || typed.has(name)) throw new Error(`TYPE for ${name} out of place`);
        if (!["counter", "gauge", "histogram", "summary", "untyped"].includes(rest))
          throw new Error(`bad type ${rest}`);
        typed.add(name);
      }
      continue;
    }
    // dotAll: a raw carriage return or U+2028 is legal inside a label value; only "\n" must be escaped.
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)$/s.exec(line);
    if (!sample) throw new Error(`not a sample line: ${line}`);
    const [, name, , body, raw] = sample as unknown as [string, string, string | undefined, string | undefined, string];
    if (name !== current || !typed.has(name)) throw new Error(`sample ${name} outside its family`);
    const labels: Record<string, string> = {};
    let rest = body ?? "";
    while (rest !== "") {
      const label = /^([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\\\|\\"|\\n)*)"(,|$)/.exec(rest);
      if (!label) throw new Error(`bad label set: ${body}`);
      const [whole, key, escaped] = label as unknown as [string, string, string];
      if (key in labels) throw new Error(`label ${key} twice`);
      labels[key] = escaped.replace(/\\(\\|"|n)/g, (_m, c: string) => (c === "n" ? "\n" : c));
      rest = rest.slice(whole.length);
    }
    const value = raw === "+Inf" ? Infinity : raw === "-Inf" ? -Infinity : Number(raw);
    if (raw !== "NaN" && Number.isNaN(value)) throw new Error(`bad value ${raw}`);
    samples.push({ name, labels, value });
  }
  return { families, samples };
}

describe("renderPrometheus", () => {
  test("valid exposition: HELP/TYPE per family, families and samples sorted, every telemetry number present", () => {
    const telemetry = sampleTelemetry();
    const text = renderPrometheus(telemetry);
    const { families, samples } = parseExposition(text);
    expect(families).toEqual([...families].sort(compareCodePoints));
    const lines = text.split("\n").filter((l) => l !== "" && !l.startsWith("#"));
    for (const family of families) {
      const own = lines.filter((l) => l.startsWith(`${family}{`) || l.startsWith(`${family} `));
      expect(own).toEqual([...own].sort(compareCodePoints));
    }
    const find = (name: string, labels: Record<string, string>) =>
      samples.find((s) => s.name === `qualify_${name}` && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
    expect(find("service_mode", { mode: "only_8000_down" })?.value).toBe(1);
    expect(find("service_up", { service: "service_8000" })?.value).toBe(0);
    expect(find("plugin_load_failures", { plugin: "builtin.answer.basic" })?.value).toBe(2);
    expect(find("missing_capability", { capability: "answer.builder" })?.value).toBe(1);
    expect(
      find("query_result", { case_id: "q1", class: "infra_error", reason: "db_io", attribution: "io" })?.value,
    ).toBe(1);
    // Base units: telemetry.json's milliseconds are seconds here.
    expect(find("query_stage_seconds", { case_id: "q1", stage: "total" })?.value).toBe(0.0125);
    expect(find("query_attempt_seconds", { case_id: "q1", attempt: "2" })?.value).toBe(0.02025);
    expect(find("db_errors", { path: "metadata.db", class: "busy_locked" })?.value).toBe(3);
    expect(find("db_read_latency_seconds", { path: "metadata.db" })?.value).toBe(0.0005);
    expect(find("db_read_latency_seconds", { path: "metadata.live.db" })).toBeUndefined();
    // Run-level verdict gauges.
    expect(find("ok", {})?.value).toBe(0);
    expect(find("plugins", { state: "qualified" })?.value).toBe(1);
    expect(find("check_results", { check: "loaded", status: "fail" })?.value).toBe(1);
    expect(find("run_check_passed", { check: "platform_cli", status: "infra_error" })?.value).toBe(0);
    expect(find("query_cases", { class: "infra_error" })?.value).toBe(1);
    expect(find("failures", { attribution: "io" })?.value).toBe(1);
    expect(renderPrometheus(telemetry)).toBe(text);
  });

  test("property: any label value (quotes, backslashes, newlines, unicode) round-trips through the escaping", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), fc.string({ unit: "binary" }), (plugin, capability) => {
        const t = sampleTelemetry();
        t.plugin_load_failures = { [plugin]: 1 };
        t.missing_capabilities = { [capability]: 4 };
        // Validated, but rendered as built: a zod-parsed record drops a `__proto__` key, the built one keeps it.
        expect(Telemetry.safeParse(t).success).toBe(true);
        const { samples } = parseExposition(renderPrometheus(t));
        expect(samples.find((s) => s.name === "qualify_plugin_load_failures")?.labels.plugin).toBe(plugin);
        expect(samples.find((s) => s.name === "qualify_missing_capability")?.labels.capability).toBe(capability);
      }),
      { numRuns: 100, examples: [["__proto__", "constructor"]] },
    );
  });

  test("the reader used here rejects what the format forbids", () => {
    expect(() => parseExposition('qualify_x{a="b"} 1\n')).toThrow(/outside its family/);
    expect(() => parseExposition('# HELP qualify_x h\n# TYPE qualify_x gauge\nqualify_x{a="b\\q"} 1\n')).toThrow(
      /bad label set/,
    );
    expect(() => parseExposition("# HELP qualify_x h\n# TYPE qualify_x gauge\nqualify_x 1")).toThrow(/final newline/);
  });
  test("promtool (Prometheus's own checker) accepts the exposition: names, base units, help, types", async () => {
    const dir = mkdtempSync(join(tmpdir(), "qualify-prom-"));
    try {
      const file = join(dir, "telemetry.prom");
      writeFileSync(file, renderPrometheus(sampleTelemetry()));
      const run = await runCommand({
        file: "promtool",
        args: ["check", "metrics"],
        cwd: dir,
        env: { PATH: process.env.PATH ?? "" },
        timeoutMs: 30_000,
        input: readFileSync(file, "utf8"),
      });
      // .ci/run installs Debian's prometheus package (promtool) when it is missing.
      expect(run.spawnError, "promtool is not installed (Debian package prometheus)").toBeNull();
      expect(`${run.stdout}${run.stderr}`).toBe("");
      expect(run.exitCode).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
