import { appendFileSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { copyExample, optionsFor, tempDir } from "../../../../setup/testing/example-copy.ts";
import { loggingInterpreter, type LoggingInterpreter } from "../../../../setup/testing/logging-interpreter.ts";
import { canonicalJson } from "../../../shared/canonical/canonical-json.ts";
import { QualificationSession } from "../../../session/qualification-session.ts";

/**
 * Watch mode's reuse of the platform's whole-platform answers, through real sessions on a copy of the example
 * and a logging interpreter that counts what each session starts: reused only while every input is the same,
 * asked again after any byte of the target changes, and never reused outside watch mode.
 */
const P = "builtin.time.intent_parser";
const EMPTY_CATALOG = tempDir("no-specs");

function wholePlatformCalls(python: LoggingInterpreter, from: number) {
  const calls = python.calls().slice(from);
  return {
    list: calls.filter((c) => c.includes("plugins list")).length,
    loadReport: calls.filter((c) => c.includes("plugins load-report")).length,
    // With an empty probe catalog a probe host starts only to list the loaded plugins' capabilities.
    listing: calls.filter((c) => c.includes("probe_runner.py --serve")).length,
  };
}

/** One session: the plugin judged (probes included) and the run's evidence; `judge: false` only the latter. */
async function qualifyOnce(env: Record<string, string>, python: LoggingInterpreter, judge = true) {
  const before = python.calls().length;
  const session = await QualificationSession.open(
    optionsFor(env.QUALIFY_TARGET!, {
      QUALIFY_EXAMPLE_SERVICES: "off",
      QUALIFY_PYTHON: python.python,
      QUALIFY_PROBES: EMPTY_CATALOG,
      ...env,
    }),
  );
  try {
    const verdicts = judge ? await session.verdicts(P) : null;
    const evidence = canonicalJson(await session.runEvidence());
    return { verdicts, evidence, calls: wholePlatformCalls(python, before) };
  } finally {
    await session.close();
  }
}

const ASKED = { list: 1, loadReport: 1, listing: 1 };
const REUSED = { list: 0, loadReport: 0, listing: 0 };

describe("platform answers in watch mode", () => {
  test("reused byte for byte while the target is unchanged; asked again after any byte changes, even with size and mtime restored", async () => {
    const { root } = copyExample();
    const python = await loggingInterpreter(tempDir("python"));
    const env = { QUALIFY_TARGET: root, QUALIFY_WATCH: "1" };

    const first = await qualifyOnce(env, python);
    expect(first.calls).toEqual(ASKED);
    expect(first.verdicts!.capability_present.status).toBe("pass");
    const second = await qualifyOnce(env, python);
    expect(second.calls).toEqual(REUSED);
    expect(second.evidence).toBe(first.evidence);
    expect(second.verdicts).toEqual(first.verdicts);

    // One byte of another plugin's manifest, same length, mtime put back: only the content can tell.
    const file = join(root, "plugins/builtin/citation_basic/plugin.json");
    const { atime, mtime } = statSync(file);
    const text = readFileSync(file, "utf8");
    writeFileSync(file, text.replace('"version": "0.1.0"', '"version": "0.1.1"'));
    utimesSync(file, atime, mtime);
    expect(readFileSync(file, "utf8")).not.toBe(text);
    const edited = await qualifyOnce(env, python);
    expect(edited.calls).toEqual(ASKED);
    expect(edited.evidence).not.toBe(first.evidence);

    // The plugin's own code changed: the platform is asked, and its new answer is the verdict.
    appendFileSync(join(root, "plugins/builtin/time_intent_parser/plugin.py"), "\n# edited\n");
    const broken = await qualifyOnce(env, python);
    // (No capability listing: it is read only for plugins the platform loaded, and this one no longer loads.)
    expect(broken.calls).toEqual({ ...ASKED, listing: 0 });
    expect(broken.verdicts!.hash_ok.reason).toBe("ARTIFACT_HASH_MISMATCH");
    expect(broken.verdicts!.loaded.status).toBe("fail");
  }, 240_000);

  test("outside watch mode, or with the user's own platform config dir, the platform is asked every time", async () => {
    const { root } = copyExample();
    const python = await loggingInterpreter(tempDir("python"));
    for (const env of [
      { QUALIFY_TARGET: root },
      { QUALIFY_TARGET: root, QUALIFY_WATCH: "1", QUALIFY_WATCH_REUSE: "off" },
      { QUALIFY_TARGET: root, QUALIFY_WATCH: "1", AUTOCAPTURE_CONFIG_DIR: tempDir("cfg") },
    ]) {
      for (const _ of [1, 2])
        expect((await qualifyOnce(env, python, false)).calls, JSON.stringify(Object.keys(env))).toEqual({
          ...ASKED,
          listing: 0,
        });
    }
  }, 240_000);

  test("an answer that is not one (the platform timed out) is never kept: the next run asks again", async () => {
    const { root } = copyExample();
    const python = await loggingInterpreter(tempDir("python"));
    const timedOut = await qualifyOnce(
      { QUALIFY_TARGET: root, QUALIFY_WATCH: "1", QUALIFY_CLI_TIMEOUT_MS: "1" },
      python,
    );
    expect(timedOut.verdicts!.loaded.status).toBe("infra_error");
    const next = await qualifyOnce({ QUALIFY_TARGET: root, QUALIFY_WATCH: "1" }, python);
    expect(next.calls).toEqual(ASKED);
    expect(next.verdicts!.loaded.status).toBe("pass");
  }, 240_000);
});
