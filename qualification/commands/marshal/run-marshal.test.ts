import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { copyExample, tempDir, relockWithPlatformTool } from "../../../setup/testing/example-copy.ts";
import { runMarshal } from "./run-marshal.ts";

const FIXTURE_ID = "builtin.fixture.varying";

/**
 * A plugin whose answer is the number of qualification runs seen so far (one marker file per fresh data dir):
 * identical within a run, different between runs — the defect only a marshal catches.
 */
const PLUGIN_PY = `
import hashlib, os

class Varying:
    def count_runs(self):
        counter = os.environ["AUTOCAPTURE_TEST_COUNTER_DIR"]
        marker = hashlib.sha256(os.environ["AUTOCAPTURE_DATA_DIR"].encode()).hexdigest()
        open(os.path.join(counter, marker), "a").close()
        return {"runs_seen": len(os.listdir(counter)), "data_dir_digest": marker}

class Plugin:
    def capabilities(self):
        return {"fixture.varying": Varying()}

def create_plugin(plugin_id, context):
    return Plugin()
`;

async function addVaryingPlugin(root: string): Promise<void> {
  const dir = join(root, "plugins/builtin/fixture_varying");
  mkdirSync(dir);
  const manifest = {
    plugin_id: FIXTURE_ID,
    version: "0.1.0",
    enabled: true,
    entrypoints: [{ kind: "fixture.varying", id: "default", path: "plugin.py", callable: "create_plugin" }],
    permissions: { filesystem: "none", gpu: false, raw_input: false, network: false },
    compat: { requires_kernel: ">=0.1.0", requires_schema_versions: [1] },
    depends_on: [],
    hash_lock: { manifest_sha256: "", artifact_sha256: "" },
    required_capabilities: [],
  };
  writeFileSync(join(dir, "plugin.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(dir, "plugin.py"), PLUGIN_PY);
  const configPath = join(root, "config/default.json");
  const config = JSON.parse(readFileSync(configPath, "utf8"));
  config.plugins.allowlist.push(FIXTURE_ID);
  config.plugins.enabled[FIXTURE_ID] = true;
  writeFileSync(configPath, `${JSON.stringify(config, null, 2)}\n`);
  await relockWithPlatformTool(root);
}

function spec(expectRunsSeen: boolean) {
  return {
    plugin_id: FIXTURE_ID,
    spec_version: "1.0.0",
    tier: "non_service",
    steps: [
      {
        id: "count",
        capability: "fixture.varying",
        method: "count_runs",
        input: {},
        expect: expectRunsSeen
          ? [{ kind: "json_path_equals", pointer: "/runs_seen", value: 1 }]
          : [{ kind: "matches_schema", schema: { type: "object", required: ["runs_seen"] } }],
        timeout_ms: 20_000,
      },
    ],
  };
}

describe("determinism marshal", () => {
  test("a plugin whose output varies between runs is caught: flaky when a verdict rests on it, unstable_evidence otherwise", async () => {
    const { root } = copyExample();
    await addVaryingPlugin(root);
    for (const [label, strict] of [
      ["flaky", true],
      ["unstable_evidence", false],
    ] as const) {
      const probes = tempDir("probes");
      writeFileSync(join(probes, `${FIXTURE_ID}.json`), JSON.stringify(spec(strict)));
      const out = tempDir("marshal-out");
      const report = await runMarshal({
        runs: 2,
        seed: 7,
        outDir: out,
        // One attempt per query case: the query tier is not what this test is about (the pristine test below covers
        // it).
        env: {
          PATH: process.env.PATH ?? "",
          QUALIFY_TARGET: root,
          QUALIFY_PROBES: probes,
          QUALIFY_QUERY_REPEAT: "1",
          AUTOCAPTURE_TEST_COUNTER_DIR: tempDir("counter"),
        },
        timeoutMs: 300_000,
        log: () => {},
      });
      const functional = report.tests.find((t) => t.test === `${FIXTURE_ID} › functional`)!;
      expect(functional.class).toBe(label);
      expect(functional.diffs[0]?.pointers.some((p) => p.includes("/evidence/probe/steps/0/runs/0/result"))).toBe(true);
      // Every other plugin's tests are stable (their verdicts here are SPEC_MISSING fails, every time).
      const others = report.tests.filter((t) => !t.test.startsWith(FIXTURE_ID));
      expect(others.filter((t) => t.class !== "stable").map((t) => t.test)).toEqual([]);
      expect(JSON.parse(readFileSync(join(out, "determinism.json"), "utf8")).summary).toEqual(report.summary);
    }
  }, 600_000);

  test("README command 1 (the bundled example, its fixture services on fresh ports each run): every test stable, every output byte-identical but the run section", async () => {
    const out = tempDir("marshal-out");
    const report = await runMarshal({
      runs: 2,
      seed: 11,
      outDir: out,
      env: { PATH: process.env.PATH ?? "" },
      timeoutMs: 300_000,
      log: () => {},
    });
    expect(
      report.tests
        .filter((t) => t.class !== "stable")
        .map((t) => `${t.test}: ${t.class} ${t.diffs.map((d) => d.pointers.join(",")).join(";")}`),
    ).toEqual([]);
    expect(report.summary.flaky + report.summary.unstable_evidence).toBe(0);
    expect(report.tests.length).toBeGreaterThan(16 * 6);
    expect(
      report.tests.filter((t) => t.test.startsWith("query › ")).length,
      "the query tier's cases are compared too",
    ).toBeGreaterThan(1);
    // Byte for byte: only the declared run section (final.json › run, the bundle's run.json and the statement
    // and envelope that cover it, and the envelope's .intoto.jsonl copy) and the timings kept outside the bundle
    // (telemetry) may differ.
    const [a, b] = [join(out, "marshal", "run-1"), join(out, "marshal", "run-2")];
    const files = (dir: string): string[] =>
      readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
        .sort();
    expect(files(a)).toEqual(files(b));
    const differing = files(a).filter((f) => !readFileSync(join(a, f)).equals(readFileSync(join(b, f))));
    expect(differing).toEqual([
      "final.json",
      "proof.intoto.jsonl",
      "proof/envelope.dsse.json",
      "proof/run.json",
      "proof/statement.json",
      "telemetry.json",
      "telemetry.prom",
    ]);
    const withoutRun = (dir: string) => ({
      ...(JSON.parse(readFileSync(join(dir, "final.json"), "utf8")) as object),
      run: null,
    });
    expect(withoutRun(a)).toEqual(withoutRun(b));
    const runA = JSON.parse(readFileSync(join(a, "final.json"), "utf8")) as {
      run: { services?: { service_7411: string } };
    };
    const runB = JSON.parse(readFileSync(join(b, "final.json"), "utf8")) as {
      run: { services?: { service_7411: string } };
    };
    expect(runA.run.services?.service_7411, "the services' URLs live in the run section").not.toBe(
      runB.run.services?.service_7411,
    );
    expect(readFileSync(join(a, "evidence.json"), "utf8")).not.toMatch(/127\.0\.0\.1:\d+/);
  }, 600_000);
});
