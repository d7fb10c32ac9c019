import { appendFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { SUITE_ROOT } from "../qualification/shared/options/resolve-options.ts";
import { runCommand } from "../qualification/shared/process/run-command.ts";
import { copyExample, tempDir } from "./testing/example-copy.ts";

const VITEST = join(SUITE_ROOT, "node_modules/vitest/vitest.mjs");

/**
 * `pnpm test:qualify`'s exit code, as a CI step sees it: 0 qualified, 1 a verdict failed, 2 usage or
 * configuration (with a junit.xml saying why), 3 infrastructure only. Filtered to one plugin where the case
 * allows, to stay quick; the services are off (no case here needs them).
 */
async function qualify(env: Record<string, string>, args: string[] = []) {
  const run = await runCommand({
    file: process.execPath,
    args: [VITEST, "--mode", "qualify", ...args],
    cwd: SUITE_ROOT,
    env: { PATH: process.env.PATH ?? "", CI: "true", NO_COLOR: "1", QUALIFY_EXAMPLE_SERVICES: "off", ...env },
    timeoutMs: 300_000,
  });
  return { code: run.exitCode, output: `${run.stdout}\n${run.stderr}` };
}

describe("exit codes of pnpm test:qualify", () => {
  test("0: a filtered run whose plugin is green says OK for what it judged", async () => {
    const { code, output } = await qualify({ QUALIFY_OUT: tempDir("out") }, ["-t", "builtin.retrieval.basic"]);
    expect(code, output).toBe(0);
    expect(output).toContain(
      "qualification: OK (filtered run) — 6 test(s) judged: 0 failed, 0 infra_error; 1/1 plugin(s) with all checks run qualified",
    );
  });

  test("1: a plugin verdict failed (a changed plugin file: hash_ok)", async () => {
    const { root } = copyExample();
    appendFileSync(join(root, "plugins/builtin/retrieval_basic/plugin.py"), "# drift\n");
    const { code, output } = await qualify({ QUALIFY_TARGET: root, QUALIFY_OUT: tempDir("out") }, [
      "-t",
      "builtin.retrieval.basic",
    ]);
    expect(code, output).toBe(1);
  });

  test("2: a target that does not exist — one plain line, no stack, and a junit.xml with that one error", async () => {
    const out = tempDir("out");
    const { code, output } = await qualify({ QUALIFY_TARGET: "/nonexistent/platform", QUALIFY_OUT: out });
    expect(code, output).toBe(2);
    expect(output).toContain("qualify: QUALIFY_TARGET does not exist: /nonexistent/platform");
    expect(output).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
    const junit = readFileSync(join(out, "junit.xml"), "utf8");
    expect(junit).toContain('errors="1"');
    expect(junit).toContain('<error type="USAGE" message="QUALIFY_TARGET does not exist: /nonexistent/platform">');
  });

  test("2: -t matching no plugin fails saying so (a typo must not pass)", async () => {
    const { code, output } = await qualify({ QUALIFY_OUT: tempDir("out") }, ["-t", "builtin.retreival.basic"]);
    expect(code, output).toBe(2);
    expect(output).toContain("-t builtin.retreival.basic matches no plugin, run check or query case");
  });

  test("3: infrastructure only — an interpreter that does not exist decides nothing, fails nothing", async () => {
    const { code, output } = await qualify({ QUALIFY_OUT: tempDir("out"), QUALIFY_PYTHON: "/nonexistent/python3" }, [
      "-t",
      "builtin.retrieval.basic",
    ]);
    expect(code, output).toBe(3);
    expect(output).toContain("qualification: NOT OK (filtered run)");
  });
});
