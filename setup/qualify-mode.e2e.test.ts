import { appendFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import type { FinalReport } from "../contracts/final-report.ts";
import { SUITE_ROOT } from "../qualification/shared/options/resolve-options.ts";
import { runCommand } from "../qualification/shared/process/run-command.ts";
import { copyExample, tempDir } from "./testing/example-copy.ts";
import { loggingInterpreter } from "./testing/logging-interpreter.ts";

const VITEST = join(SUITE_ROOT, "node_modules/vitest/vitest.mjs");

/** `pnpm test:qualify` as a user runs it: a real Vitest process in qualify mode. */
async function testQualify(env: Record<string, string>, args: string[] = []) {
  const out = env.QUALIFY_OUT!;
  const run = await runCommand({
    file: process.execPath,
    args: [VITEST, "--mode", "qualify", "--reporter=json", `--outputFile=${join(out, "vitest.json")}`, ...args],
    cwd: SUITE_ROOT,
    env: { CI: "true", ...env },
    timeoutMs: 300_000,
  });
  const vitest = JSON.parse(readFileSync(join(out, "vitest.json"), "utf8")) as {
    testResults: Array<{ assertionResults: Array<{ fullName: string; status: string; failureMessages: string[] }> }>;
  };
  const tests = vitest.testResults.flatMap((file) => file.assertionResults);
  return { run, tests, final: () => JSON.parse(readFileSync(join(out, "final.json"), "utf8")) as FinalReport };
}

describe("pnpm test:qualify end to end", () => {
  test("one broken plugin: its hash_ok test fails with a replay line, the run exits non-zero, other plugins stay green", async () => {
    const { root } = copyExample();
    appendFileSync(join(root, "plugins/builtin/state_jepa_like/plugin.py"), "# drift\n");
    const out = tempDir("qualify-out");
    const { run, tests, final } = await testQualify({
      QUALIFY_TARGET: root,
      QUALIFY_OUT: out,
      QUALIFY_PROBES: tempDir("no-probes"),
    });
    expect(run.exitCode).not.toBe(0);
    const hash = tests.find((t) => t.fullName === "builtin.state.jepa_like builtin.state.jepa_like › hash_ok");
    expect(hash?.status).toBe("failed");
    expect(hash?.failureMessages.join("\n")).toMatch(
      /ARTIFACT_HASH_MISMATCH[\s\S]*platform said: Plugin builtin.state.jepa_like artifact hash mismatch[\s\S]*replay: QUALIFY_TARGET=.* pnpm test:qualify -t "builtin.state.jepa_like"/,
    );
    expect(tests.find((t) => t.fullName === "builtin.ledger.basic builtin.ledger.basic › hash_ok")?.status).toBe(
      "passed",
    );
    // Missing specs are plain failures, never skips; the deprecated plugin is a skip.
    expect(tests.find((t) => t.fullName.endsWith("builtin.ledger.basic › functional"))?.status).toBe("failed");
    expect(
      tests.filter((t) => t.fullName.startsWith("builtin.capture.basic")).every((t) => t.status === "skipped"),
    ).toBe(true);
    const report = final();
    expect(report.ok).toBe(false);
    expect(report.plugins.find((p) => p.plugin_id === "builtin.state.jepa_like")?.checks.hash_ok.reason).toBe(
      "ARTIFACT_HASH_MISMATCH",
    );
    expect(report.summary.tests_emitted).toBe(report.plugins.length * 6);
  });

  test("-t <plugin_id> runs only that plugin's tests and leaves final.json alone (writes final.partial.json)", async () => {
    const out = tempDir("qualify-out");
    const { tests } = await testQualify({ QUALIFY_OUT: out }, ["-t", "builtin.time.intent_parser"]);
    const ran = tests.filter((t) => t.status !== "skipped" && t.status !== "pending");
    expect(ran.map((t) => t.fullName).every((name) => name.includes("builtin.time.intent_parser"))).toBe(true);
    expect(ran).toHaveLength(6);
    // The other plugins are not even registered (read from Vitest's worker state:
    // qualification/register/name-filter.ts); what is left skipped is the run checks and the query cases.
    expect(
      tests
        .filter((t) => !t.fullName.includes("builtin.time.intent_parser") && !/^(run|query) /.test(t.fullName))
        .map((t) => t.fullName),
    ).toEqual([]);
    expect(tests.filter((t) => /^run /.test(t.fullName))).toHaveLength(8);
    expect(() => readFileSync(join(out, "final.json"))).toThrow();
    expect(readFileSync(join(out, "final.partial.json"), "utf8")).toContain('"schema_version": 1');
  });

  test("a one-shot run asks the platform every time, even with QUALIFY_WATCH=1 in its environment (reuse is for watch mode only)", async () => {
    const { root } = copyExample();
    const python = await loggingInterpreter(tempDir("python"));
    const env = {
      QUALIFY_TARGET: root,
      QUALIFY_PYTHON: python.python,
      QUALIFY_WATCH: "1",
      QUALIFY_EXAMPLE_SERVICES: "off",
    };
    for (const _ of [1, 2])
      await testQualify({ ...env, QUALIFY_OUT: tempDir("qualify-out") }, ["-t", "builtin.ledger.basic"]);
    expect(python.calls().filter((call) => call.includes("plugins load-report"))).toHaveLength(2);
  });
});
