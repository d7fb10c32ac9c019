import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, onTestFinished, test } from "vitest";
import { editConfig } from "../qualification/gather/probe/testing/fixture-plugin.ts";
import { copyExample, tempDir } from "./testing/example-copy.ts";
import { loggingInterpreter } from "./testing/logging-interpreter.ts";
import { startVitest } from "./testing/vitest-child.ts";

/**
 * The fix-a-plugin loop as a developer runs it: `pnpm test:qualify --watch -t <plugin_id>` on a copy of the
 * example (and of the probe catalog), then one edit of each rerun trigger — the plugin's code (a bug), its lock
 * entry (the platform's own lock tool), its probe spec (a typo), the config (disabled). Each edit re-runs that
 * plugin's tests, and only those, with the new verdict. A logging interpreter counts what each re-run starts
 * on the platform: whole-platform commands once, probes only for the plugin in focus.
 */
const PLUGIN = "builtin.privacy.sanitizer";
const PLUGIN_FILE = "plugins/builtin/privacy_sanitizer/plugin.py";
const RUN_END = /(?:Waiting|Watching) for file changes/g;

const runsEnded = (output: string): number => output.match(RUN_END)?.length ?? 0;

/** `✓`/`×` rows of the verbose reporter: the tests that ran (skipped ones are `↓`), as [suite, test, passed]. */
function ranTests(output: string): Array<[string, string, boolean]> {
  const rows: Array<[string, string, boolean]> = [];
  for (const line of output.split("\n")) {
    const row = /^\s*([✓×])\s+\S+ > (.+?) > (.+?)(?: \d+ms)?\s*$/.exec(line);
    if (row) rows.push([row[2]!, row[3]!, row[1] === "✓"]);
  }
  return rows;
}

/**
 * What the suite started on the platform, by kind: whole-platform commands and probe hosts (each loads the
 * platform once; the first also answers the capability listing, the second only run 2 of the probe steps).
 */
function tally(calls: readonly string[]) {
  return {
    list: calls.filter((call) => call.includes("-m autocapture_nx plugins list")).length,
    loadReport: calls.filter((call) => call.includes("-m autocapture_nx plugins load-report")).length,
    probeHosts: calls.filter((call) => call.includes("probe_runner.py --serve")).length,
    // The registry's per-plugin registrations: asked only when the platform loaded the plugin in focus.
    registrations: calls.filter((call) => call.includes("--registrations")).length,
    // Watch mode asks the interpreter for its import path once per run, to key the reuse of platform answers.
    fingerprint: calls.filter((call) => call.includes("chr(0).join(sys.path)")).length,
    other: calls.filter(
      (call) =>
        !/plugins (list|load-report)|probe_runner\.py (--serve|.*--registrations)|chr\(0\)\.join\(sys\.path\)/.test(
          call,
        ),
    ),
  };
}

test("watch -t <plugin_id>: each edit re-runs only that plugin within seconds, with the new verdict and without re-probing other plugins", async () => {
  const copy = copyExample({ probes: true });
  const python = await loggingInterpreter(tempDir("python"));
  const vitest = startVitest(["--mode", "qualify", "--watch", "-t", PLUGIN, "--reporter=verbose"], {
    QUALIFY_TARGET: copy.root,
    QUALIFY_OUT: tempDir("watch-out"),
    QUALIFY_PROBES: copy.probes,
    QUALIFY_PYTHON: python.python,
  });
  onTestFinished(() => vitest.stop());

  /** Waits for the next run to end and returns that run's output, the calls it made and how long it took. */
  let seen = "";
  let callsSeen = 0;
  const nextRun = async (what: string, timeoutMs: number) => {
    const started = performance.now();
    const runs = runsEnded(seen);
    const output = await vitest.waitFor(what, (text) => runsEnded(text) > runs, timeoutMs);
    const section = output.slice(seen.length);
    seen = output;
    const calls = python.calls().slice(callsSeen);
    callsSeen += calls.length;
    return { section, calls: tally(calls), ms: performance.now() - started };
  };

  const first = await nextRun("first verdict", 150_000);
  expect(ranTests(first.section)).toEqual(
    ["allowlisted", "hash_ok", "enabled", "loaded", "capability_present", "functional"].map((check) => [
      PLUGIN,
      `${PLUGIN} › ${check}`,
      true,
    ]),
  );
  // Two probe hosts, however many steps the plugin's spec has: the first lists capabilities and answers run 1.
  expect(first.calls).toMatchObject({
    list: 1,
    loadReport: 1,
    probeHosts: 2,
    registrations: 1,
    fingerprint: 1,
    other: [],
  });
  // The other plugins' tests are not registered at all (no skipped rows for them): only the run checks and queries.
  expect(
    first.section
      .split("\n")
      .filter(
        (line) => /^\s*↓/.test(line) && / › /.test(line) && !line.includes(PLUGIN) && !/\b(run|query) › /.test(line),
      ),
  ).toEqual([]);

  // Edit 1: a bug in the plugin's code. The lock no longer matches, so the platform refuses to load it.
  const file = join(copy.root, PLUGIN_FILE);
  const source = readFileSync(file, "utf8");
  const broken = source.replace(String.raw`\b\d{7,}\b`, String.raw`\b\d{9,}\b`);
  expect(broken).not.toBe(source);
  writeFileSync(file, broken);
  const edited = await nextRun("re-run after editing plugin.py", 60_000);
  expect(edited.section).toMatch(/RERUN\s+\S*privacy_sanitizer\/plugin\.py/);
  expect(ranTests(edited.section).map(([suite]) => suite)).toEqual(Array(6).fill(PLUGIN));
  expect(
    ranTests(edited.section)
      .filter(([, , passed]) => !passed)
      .map(([, name]) => name),
  ).toEqual([`${PLUGIN} › hash_ok`, `${PLUGIN} › loaded`, `${PLUGIN} › capability_present`, `${PLUGIN} › functional`]);
  expect(edited.section).toContain(`${PLUGIN} › hash_ok: [fail] ARTIFACT_HASH_MISMATCH`);
  // Once per change for the whole platform; no probe at all, since the plugin no longer loads.
  expect(edited.calls).toMatchObject({ list: 1, loadReport: 1, probeHosts: 0, registrations: 0, other: [] });

  // Edit 2: the developer re-locks with the platform's own tool; now the wrong answer itself is the verdict.
  execFileSync("python3", ["tools/update_plugin_locks.py"], {
    cwd: copy.root,
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1" },
    stdio: "pipe",
  });
  const relocked = await nextRun("re-run after re-locking", 60_000);
  expect(relocked.section).toMatch(/RERUN\s+\S*plugin_locks\.json/);
  expect(
    ranTests(relocked.section)
      .filter(([, , passed]) => !passed)
      .map(([, name]) => name),
  ).toEqual([`${PLUGIN} › functional`]);
  expect(ranTests(relocked.section).map(([suite]) => suite)).toEqual(Array(6).fill(PLUGIN));
  expect(relocked.section).toContain(`${PLUGIN} › functional: [fail] PROBE_FAILED`);
  expect(relocked.section).toContain(`replay: QUALIFY_TARGET=${copy.root} pnpm test:qualify -t "${PLUGIN}"`);
  expect(relocked.calls).toMatchObject({ list: 1, loadReport: 1, probeHosts: 2, registrations: 1, other: [] });

  // Edit 3: a typo in the plugin's probe spec: SPEC_INVALID with the file and JSON pointer, and no probe runs.
  // The target is as the last run left it, so the platform's whole-platform answers are reused, not asked again.
  const specFile = join(copy.probes, `${PLUGIN}.json`);
  writeFileSync(specFile, readFileSync(specFile, "utf8").replace('"kind": "equals"', '"kind": "equal"'));
  const respecced = await nextRun("re-run after editing the probe spec", 60_000);
  expect(respecced.section).toMatch(/RERUN\s+\S*probes\/builtin\.privacy\.sanitizer\.json/);
  expect(
    ranTests(respecced.section)
      .filter(([, , passed]) => !passed)
      .map(([, name]) => name),
  ).toEqual([`${PLUGIN} › functional`]);
  expect(respecced.section).toContain(`${PLUGIN} › functional: [fail] SPEC_INVALID`);
  expect(respecced.section).toContain(`at: probes/${PLUGIN}.json#/steps/0/expect/0/kind`);
  expect(respecced.calls).toMatchObject({ list: 0, loadReport: 0, probeHosts: 0, registrations: 0, other: [] });
  // …and the run says so, naming what it reused; a run that asked the platform says nothing of the kind.
  expect(respecced.section).toMatch(
    /qualification: reused the platform's earlier answers \((?=[^)]*plugins list)(?=[^)]*plugins load-report)(?=[^)]*the runtime capability listing)[^)]*\)/,
  );
  for (const run of [first, edited, relocked])
    expect(run.section).not.toContain("reused the platform's earlier answers");

  // Edit 4: the plugin disabled in the config: the registry's effective-enabled rule says no.
  editConfig(copy.root, (config) => void (config.plugins.enabled[PLUGIN] = false));
  const disabled = await nextRun("re-run after editing the config", 60_000);
  expect(disabled.section).toMatch(/RERUN\s+\S*config\/default\.json/);
  expect(disabled.section).toContain(`${PLUGIN} › enabled: [fail] DISABLED_IN_CONFIG`);
  expect(ranTests(disabled.section).map(([suite]) => suite)).toEqual(Array(6).fill(PLUGIN));
  expect(disabled.calls).toMatchObject({ list: 1, loadReport: 1, probeHosts: 0, registrations: 0, other: [] });

  // "Within a few seconds": 4–8 s per re-run here; the bound leaves room for a CI machine running other tests.
  for (const rerun of [edited, relocked, respecced, disabled]) expect(rerun.ms).toBeLessThan(45_000);
  console.log(
    `watch re-runs: first run ${Math.round(first.ms)} ms; after the code edit ${Math.round(edited.ms)} ms, re-locking ${Math.round(relocked.ms)} ms, the spec edit ${Math.round(respecced.ms)} ms, the config edit ${Math.round(disabled.ms)} ms`,
  );
}, 360_000);
