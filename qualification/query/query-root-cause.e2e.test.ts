import { join } from "node:path";
import { describe, expect, test } from "vitest";
import type { ExpectedAnswerCase } from "../../contracts/expected-answers.ts";
import { copyExample, editJson, EXAMPLE_PLATFORM, tempDir } from "../../setup/testing/example-copy.ts";
import { runCommand } from "../shared/process/run-command.ts";
import { exampleCase } from "./testing/expected-subset.ts";
import { servicesDownRun } from "./testing/services-down-run.ts";

/**
 * Causes every query meets before its question matters, produced for real by copies of the example platform:
 * found on two cases, named once as the run's root cause, and never blamed on the plugins or the disk.
 */
const CASES = ["invoice_due_date", "dentist_appointment", "flight_yesterday", "weather_not_in_corpus"].map(exampleCase);

const queryRun = (target: string, cases: readonly ExpectedAnswerCase[], extra: Record<string, string> = {}) =>
  servicesDownRun(target, cases, 2, extra);

/** A copy whose plugins all run in subprocess hosts, as the real platform's default config has them. */
function subprocessHosted(rpcTimeoutS: number): string {
  const { root } = copyExample();
  editJson(root, "config/default.json", (config) => {
    config.plugins.hosting.inproc_allowlist = [];
    config.plugins.hosting.inproc_justifications = {};
    config.plugins.hosting.rpc_timeout_s = rpcTimeoutS;
  });
  return root;
}

describe("the query tier's root cause", () => {
  test("subprocess hosting that hangs on a nested call: hosting_timeout, named once, the other cases pointing to it", async () => {
    const root = subprocessHosted(2);
    const started = performance.now();
    const run = await queryRun(root, CASES);
    // Two cases paid the hang, side by side, once each (no repeat of an infrastructure outcome); two were not run.
    expect(performance.now() - started).toBeLessThan(30_000);
    expect(run.hosting).toMatchObject({
      mode: "subprocess",
      inproc_allowlist: [],
      source: "config plugins.hosting.mode",
    });
    expect(run.root_cause, JSON.stringify(run.cases.map((c) => [c.case_id, c.verdict]))).toMatchObject({
      reason: "hosting_timeout",
      attribution: "hosting",
      seen_in: ["invoice_due_date", "weather_not_in_corpus"],
    });
    // The hang in the platform's words, from whichever side of it timed out first.
    expect(run.root_cause?.detail).toMatch(
      /^the platform's plugin hosting hung while booting: (Plugin host request timed out after 2\.00s \(plugin=builtin\.anchor\.basic\)|capability call timed out after 2\.00s)$/,
    );
    expect(run.root_cause?.remedy).toContain("QUALIFY_QUERY_HOSTING=inproc");
    for (const c of run.cases)
      expect(c.verdict).toMatchObject({ class: "infra_error", reason: "hosting_timeout", attribution: "hosting" });
    expect(
      run.cases
        .filter((c) => c.route === "not_run")
        .map((c) => c.case_id)
        .sort(),
    ).toEqual(["dentist_appointment", "flight_yesterday"]);
    expect(
      run.cases.filter((c) => c.route === "cli").every((c) => c.attempts.length === 1 && c.hosting === "subprocess"),
    ).toBe(true);
  }, 60_000);

  test("QUALIFY_QUERY_HOSTING=inproc on the same copy answers every case, and says so", async () => {
    const run = await queryRun(subprocessHosted(2), CASES, { QUALIFY_QUERY_HOSTING: "inproc" });
    expect(run.hosting).toMatchObject({
      mode: "inproc",
      source: expect.stringContaining("QUALIFY_QUERY_HOSTING=inproc"),
    });
    expect(run.root_cause).toBeNull();
    expect(run.cases.map((c) => [c.case_id, c.verdict.class, c.hosting])).toEqual([
      ["dentist_appointment", "pass", "inproc"],
      ["flight_yesterday", "pass", "inproc"],
      ["invoice_due_date", "pass", "inproc"],
      ["weather_not_in_corpus", "pass", "inproc"],
    ]);
  }, 60_000);

  test("no corpus: corpus_missing, an input of the run (environment), never a disk fault (db_io)", async () => {
    const run = await queryRun(EXAMPLE_PLATFORM, CASES, { QUALIFY_CORPUS_DB: join(tempDir("nowhere"), "metadata.db") });
    expect(run.root_cause).toMatchObject({
      reason: "corpus_missing",
      attribution: "environment",
      detail: "freshness guard: no corpus DB (selected_unreadable:missing)",
    });
    expect(run.cases.map((c) => c.verdict.reason)).toEqual([
      "corpus_missing",
      "corpus_missing",
      "corpus_missing",
      "corpus_missing",
    ]);
  }, 60_000);
});

describe("the platform's per-data-dir instance lock", () => {
  test("two queries on one data dir: the second is refused with instance_lock_held (the platform's own rule)", async () => {
    const dataDir = tempDir("data");
    const configDir = tempDir("config");
    const work = tempDir("work");
    const env = {
      AUTOCAPTURE_ROOT: EXAMPLE_PLATFORM,
      PYTHONPATH: EXAMPLE_PLATFORM,
      AUTOCAPTURE_CONFIG_DIR: configDir,
      AUTOCAPTURE_DATA_DIR: dataDir,
      PYTHONDONTWRITEBYTECODE: "1",
    };
    // The first query holds the lock while its subprocess-hosted boot hangs (a copy whose hosts hang for 3 s).
    const hanging = subprocessHosted(3);
    const query = (root: string) =>
      runCommand({
        file: "python3",
        args: ["-m", "autocapture_nx", "query", "when is the invoice due"],
        cwd: work,
        env: { ...env, AUTOCAPTURE_ROOT: root, PYTHONPATH: root },
        timeoutMs: 30_000,
      });
    const first = query(hanging);
    await new Promise((r) => setTimeout(r, 1500));
    const second = await query(EXAMPLE_PLATFORM);
    expect(second).toMatchObject({ exitCode: 1 });
    expect(second.stdout.trim()).toBe("ERROR: instance_lock_held");
    await first;
  }, 60_000);

  test("the suite's concurrent queries never meet it: every case of the bundled example passes, two at a time", async () => {
    const run = await queryRun(EXAMPLE_PLATFORM, CASES, { QUALIFY_QUERY_REPEAT: "1" });
    expect(run.cases.map((c) => c.verdict.class)).toEqual(["pass", "pass", "pass", "pass"]);
    expect(JSON.stringify(run)).not.toContain("instance_lock_held");
  }, 60_000);
});
