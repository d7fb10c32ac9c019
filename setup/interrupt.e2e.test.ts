import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, onTestFinished, test } from "vitest";
import { copyExample, editJson, tempDir } from "./testing/example-copy.ts";
import { startVitest } from "./testing/vitest-child.ts";
import { addFixturePlugin } from "../qualification/gather/probe/testing/fixture-plugin.ts";

/**
 * An interrupted qualification leaves nothing behind: no platform process (the platform's CLI, the probe hosts,
 * what they started in sessions of their own), no temp dir, and a note in QUALIFY_OUT saying it was interrupted.
 * The target copy has a plugin that hangs in its factory (inproc, so the platform's own load-report hangs on it)
 * and a per-plugin load limit long enough that the run is caught mid-flight.
 */

/** Processes whose environment names this target: everything the run started on the platform. */
function platformProcesses(root: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`, "utf8").split("\0").includes(`AUTOCAPTURE_ROOT=${root}`))
        found.push(Number(entry));
    } catch {
      // gone, or not ours to read
    }
  }
  return found;
}

async function interruptMidRun(signal: "SIGINT" | "SIGTERM", wholeGroup: boolean) {
  const { root, out } = copyExample();
  addFixturePlugin(root, {
    id: "fixture.slow",
    prelude: "import time\n",
    methods: "    def ping(self):\n        return 1",
    capabilities: '{"fixture.answer": (time.sleep(600), self._impl)[1]}',
  });
  editJson(root, "config/default.json", (config) => {
    config.plugins.hosting.inproc_allowlist.push("fixture.slow");
    config.plugins.hosting.inproc_justifications["fixture.slow"] = "test fixture";
  });
  // An earlier run's verdicts: the interrupted run must not let them pass for its own.
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, "final.json"), "{}\n");
  const tmp = tempDir("interrupt-tmp");
  const vitest = startVitest(["--mode", "qualify"], {
    TMPDIR: tmp,
    QUALIFY_TARGET: root,
    QUALIFY_OUT: out,
    QUALIFY_EXAMPLE_SERVICES: "off",
    QUALIFY_PLUGIN_LOAD_TIMEOUT_MS: "120000",
  });
  onTestFinished(() => vitest.stop());
  const deadline = Date.now() + 60_000;
  // Mid-flight: the platform's load-report hangs on the slow plugin (its `plugins list` may be done already).
  while (platformProcesses(root).length < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  await new Promise((r) => setTimeout(r, 1_000));
  expect(platformProcesses(root).length).toBeGreaterThanOrEqual(1);
  expect(readdirSync(tmp).filter((d) => d.startsWith("qualify-")).length).toBeGreaterThan(0);
  process.kill(wholeGroup ? -vitest.pid : vitest.pid, signal);
  await vitest.done;
  await expect.poll(() => platformProcesses(root), { timeout: 10_000 }).toEqual([]);
  // The worker may still be removing them when Vitest's main process has gone.
  await expect.poll(() => readdirSync(tmp).filter((d) => d.startsWith("qualify-")), { timeout: 10_000 }).toEqual([]);
  await expect.poll(() => existsSync(join(out, "interrupted.json")), { timeout: 10_000 }).toBe(true);
  expect(JSON.parse(readFileSync(join(out, "interrupted.json"), "utf8"))).toMatchObject({
    interrupted: true,
    stale_outputs: ["final.json"],
  });
}

describe("an interrupted qualification leaves nothing behind", () => {
  test("Ctrl-C (SIGINT to the whole foreground group): every platform process and temp dir is gone, and the outputs say so", async () => {
    await interruptMidRun("SIGINT", true);
  }, 120_000);

  test("SIGTERM to Vitest's main process alone: its worker notices, and cleans up the same way", async () => {
    await interruptMidRun("SIGTERM", false);
  }, 120_000);
});
