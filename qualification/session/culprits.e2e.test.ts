import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import {
  copyExample,
  editJson,
  EXAMPLE_PLATFORM,
  optionsFor,
  tempDir,
  relockWithPlatformTool,
} from "../../setup/testing/example-copy.ts";
import { QualificationSession } from "./qualification-session.ts";
import type { PluginVerdicts } from "./judge-plugin.ts";

/**
 * One bad plugin never hides the others. On copies of the example, one plugin's module is changed the way a
 * defect would (and re-locked with the platform's own tool, so only its behaviour differs): it hangs while
 * created, ends the interpreter while imported, or prints to stdout while imported. The culprit is named with
 * its evidence; every other plugin is judged on its own; the query tier names the same culprit once.
 */
const ANSWER = "builtin.answer.basic";
const TIME = "builtin.time.intent_parser";

function broken(pluginDir: string, line: string, where: "module" | "factory" = "module"): string {
  const { root } = copyExample();
  const file = join(root, "plugins/builtin", pluginDir, "plugin.py");
  const source = readFileSync(file, "utf8");
  const edited =
    where === "module"
      ? source.replace("from __future__ import annotations\n", `from __future__ import annotations\n${line}\n`)
      : source.replace(/^def create_plugin\(.*\)( -> \w+)?:\n/m, (head) => `${head}    ${line}\n`);
  expect(edited).not.toBe(source);
  writeFileSync(file, edited);
  return root;
}

async function qualify(root: string, env: Record<string, string> = {}) {
  const expected = join(tempDir("expected"), "expected.json");
  // Two cases are enough for the query tier to confirm a root cause.
  const all = JSON.parse(readFileSync(join(EXAMPLE_PLATFORM, "corpus/expected_answers.json"), "utf8")) as {
    non_service_strict: Array<{ case_id: string }>;
  };
  writeFileSync(
    expected,
    JSON.stringify({ ...all, non_service_strict: all.non_service_strict.slice(0, 3), service_backed_strict: [] }),
  );
  await relockWithPlatformTool(root);
  const options = optionsFor(root, {
    QUALIFY_OUT: tempDir("out"),
    QUALIFY_EXPECTED: expected,
    QUALIFY_SERVICE_7411_URL: "http://127.0.0.1:9",
    QUALIFY_SERVICE_8000_URL: "http://127.0.0.1:9",
    QUALIFY_QUERY_REPEAT: "1",
    ...env,
  });
  const session = await QualificationSession.open(options);
  try {
    const verdicts = new Map<string, PluginVerdicts>();
    for (const plugin of session.plan.plugins) verdicts.set(plugin.plugin_id, await session.verdicts(plugin.plugin_id));
    return { verdicts, run: await session.runVerdicts(), queries: (await session.queries.run()).run };
  } finally {
    await session.close();
  }
}

/**
 * Every plugin but the culprit (and the retired capture plugin) passes everything except, for the VLM, its dead
 * service.
 */
function othersUnharmed(verdicts: Map<string, PluginVerdicts>, culprit: string): void {
  const harmed = [...verdicts]
    .filter(([id]) => id !== culprit && id !== "builtin.capture.basic")
    .flatMap(([id, checks]) =>
      Object.entries(checks)
        .filter(([check, v]) => v.status !== "pass" && !(id === "builtin.vlm.vllm_localhost" && check === "functional"))
        .map(([check, v]) => `${id} › ${check}: ${v.status} ${v.reason}`),
    );
  expect(harmed).toEqual([]);
}

describe("culprit, not collateral", () => {
  test("a plugin whose factory never returns: named LOAD_HUNG with the stack where it hangs, within its limit; the others are judged on their own", async () => {
    const root = broken("time_intent_parser", "import time; time.sleep(3600)", "factory");
    const started = performance.now();
    const { verdicts, run, queries } = await qualify(root, {
      QUALIFY_PLUGIN_LOAD_TIMEOUT_MS: "2000",
      QUALIFY_CLI_TIMEOUT_MS: "8000",
      QUALIFY_QUERY_TIMEOUT_MS: "6000",
    });
    // Bounded: the load-report's own limit (8 s) and the queries' (6 s) run beside the 2 s load limit.
    expect(performance.now() - started).toBeLessThan(60_000);
    const loaded = verdicts.get(TIME)!.loaded;
    expect(loaded).toMatchObject({ status: "infra_error", reason: "LOAD_HUNG" });
    expect(loaded.detail).toMatch(
      /did not finish within 2000 ms[\s\S]*plugins\/builtin\/time_intent_parser\/plugin\.py", line \d+ in create_plugin/,
    );
    othersUnharmed(verdicts, TIME);
    expect(run.platform_cli).toMatchObject({ status: "infra_error", reason: "CLI_TIMEOUT" });
    expect(run.platform_cli.detail).toContain(`finished only without ${TIME}`);
    expect(queries.root_cause).toMatchObject({ reason: "query_timeout", attribution: "plugin" });
    expect(queries.root_cause?.detail).toContain(`names ${TIME}`);
  }, 120_000);

  test("a plugin that ends the interpreter on import: named LOAD_CRASHED with the exit status; the others are judged by a load without it", async () => {
    const { verdicts, run, queries } = await qualify(broken("time_intent_parser", "import os; os._exit(1)"));
    expect(verdicts.get(TIME)!.loaded).toMatchObject({
      status: "fail",
      reason: "LOAD_CRASHED",
      detail: expect.stringContaining("exit status 1"),
    });
    othersUnharmed(verdicts, TIME);
    expect(verdicts.get(ANSWER)!.loaded.detail).toContain(`run without ${TIME}`);
    expect(run.platform_cli.detail).toContain(`finished only without ${TIME}`);
    expect(queries.root_cause).toMatchObject({
      reason: "boot_failed",
      attribution: "plugin",
      detail: expect.stringContaining(`names ${TIME}`),
    });
  }, 120_000);

  test("a plugin that prints to stdout on import: named WRITES_TO_STDOUT with the bytes; the queries it breaks name it once", async () => {
    const { verdicts, queries } = await qualify(broken("answer_basic", 'print("answer plugin says hi")'));
    expect(verdicts.get(ANSWER)!.loaded).toMatchObject({
      status: "fail",
      reason: "WRITES_TO_STDOUT",
      actual: "answer plugin says hi\n",
    });
    othersUnharmed(verdicts, ANSWER);
    expect(queries.root_cause).toMatchObject({ reason: "output_invalid", attribution: "plugin" });
    expect(queries.root_cause?.detail).toContain('before its JSON it printed "answer plugin says hi\\n"');
    expect(queries.root_cause?.detail).toContain(`names ${ANSWER}`);
    expect(queries.cases.filter((c) => c.route === "not_run").map((c) => c.verdict.reason)).toEqual(["output_invalid"]);
  }, 120_000);
});

describe("what the platform's own config says is never a plugin's fault in the query tier", () => {
  test("an interpreter that does not exist: environment_error, attributed to the environment", async () => {
    const { root } = copyExample();
    editJson(root, "config/default.json", () => undefined);
    const { queries } = await qualify(root, { QUALIFY_PYTHON: "/nonexistent/python3" });
    expect(queries.root_cause).toMatchObject({ reason: "environment_error", attribution: "environment" });
  }, 120_000);
});
