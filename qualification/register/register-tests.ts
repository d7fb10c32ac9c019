import { availableParallelism } from "node:os";
import { afterAll, beforeAll, describe, test } from "vitest";
import type { RunnerTestFile, RunnerTestSuite } from "vitest";
import type { Verdict } from "../../contracts/verdict.ts";
import type { QualificationSession } from "../session/qualification-session.ts";
import { testName } from "../session/plan.ts";
import { isStaticCheck } from "../judge/checks/check-table.ts";
import { QualificationFailure, renderFailure } from "./failure-message.ts";
import { mayRun, runNamePattern } from "./name-filter.ts";
import type { QualificationMeta } from "./task-meta.ts";
import { writeSessionOutputs } from "./write-session-outputs.ts";
import { progress } from "./progress.ts";
import "./task-meta.ts";

/** The only place that calls describe/test: the plan becomes one test per plugin × check, plus run checks. */
export function registerQualificationTests(session: QualificationSession): void {
  const target = session.options.target;
  const replayFor = (filter: string) => `QUALIFY_TARGET=${target} pnpm test:qualify -t "${filter}"`;
  const settle = (meta: QualificationMeta, verdict: Verdict, name: string, replay: string): void => {
    if (verdict.status === "pass") return;
    throw new QualificationFailure(renderFailure(name, verdict, replay));
  };

  // Only plugins with a test that will run (after -t / watch filtering) are judged ahead of their tests.
  // biome-ignore: Vitest requires a destructuring pattern for the context argument.
  // The platform's whole-platform answers are awaited here, so their time shows as setup, not as the first
  // check's; each plugin's own work stays with its tests.
  beforeAll(async ({}, file) => {
    const plugins = pluginsToRun(file);
    progress(
      `${target}: ${plugins.length} of ${session.plan.plugins.length} plugin(s) to judge; asking the platform (plugins list, load-report)`,
    );
    session.prefetch(plugins, Math.max(2, availableParallelism()));
    await session.runVerdicts().catch(() => undefined);
    progress("the platform answered; judging plugins");
  });

  describe("run", () => {
    for (const check of session.plan.runChecks) {
      const name = testName("run", check);
      test(name, async ({ task }) => {
        const verdict = (await session.runVerdicts())[check];
        const meta: QualificationMeta = { kind: "run", plugin_id: null, check, verdict };
        task.meta.qualification = meta;
        settle(meta, verdict, name, replayFor(name));
      });
    }
  });

  // Plugins whose tests the run's -t filter excludes are not registered at all; the run is then partial, as it
  // would be with them registered and skipped (the reporter compares what ran with the plan).
  const pattern = runNamePattern();
  for (const plugin of session.plan.plugins.filter((p) => mayRun(pattern, p.plugin_id, p.checks))) {
    describe(plugin.plugin_id, () => {
      for (const check of plugin.checks) {
        const name = testName(plugin.plugin_id, check);
        test(name, async ({ task, skip }) => {
          // The static checks are ready long before the platform has answered for the plugin: they do not wait
          // for (nor absorb the time of) its load and probes, so Vitest's timings blame the right checks.
          const verdict = isStaticCheck(check)
            ? (await session.staticVerdicts(plugin.plugin_id))[check]
            : (await session.verdicts(plugin.plugin_id))[check];
          const meta: QualificationMeta = { kind: "plugin", plugin_id: plugin.plugin_id, check, verdict };
          task.meta.qualification = meta;
          // Retired plugins are shown, with the reason, never dropped.
          if (verdict.status === "not_applicable") skip(`${verdict.reason}: ${verdict.detail}`);
          settle(meta, verdict, name, replayFor(plugin.plugin_id));
        });
      }
    });
  }

  afterAll(async () => {
    progress("writing the run's outputs");
    const reused = session.reusedPlatformAnswers();
    // Said every time, so nobody mistakes a reused answer for a fresh one.
    if (reused.length > 0)
      console.info(
        `qualification: reused the platform's earlier answers (${reused.join("; ")}): nothing they depend on changed since; QUALIFY_WATCH_REUSE=off asks again`,
      );
    await writeSessionOutputs(session);
    await session.close();
  });
}

function pluginsToRun(file: Readonly<RunnerTestSuite | RunnerTestFile>): string[] {
  const ids: string[] = [];
  for (const task of file.tasks) {
    if (task.type !== "suite" || task.name === "run" || task.name === "query") continue;
    if (task.tasks.some((t) => t.mode === "run" || t.mode === "only" || t.mode === "queued")) ids.push(task.name);
  }
  return ids;
}
