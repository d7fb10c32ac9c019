import { afterAll, describe, test } from "vitest";
import type { Verdict } from "../../contracts/verdict.ts";
import type { QualificationSession } from "../session/qualification-session.ts";
import { testName } from "../session/plan.ts";
import { QualificationFailure, renderFailure } from "./failure-message.ts";
import type { QualificationMeta } from "./task-meta.ts";
import { writeSessionOutputs } from "./write-session-outputs.ts";
import "./task-meta.ts";

/** The only place that calls describe/test: the plan becomes one test per plugin × check, plus run checks. */
export function registerQualificationTests(session: QualificationSession): void {
  const target = session.options.target;
  const replayFor = (filter: string) => `QUALIFY_TARGET=${target} pnpm test:qualify -t "${filter}"`;
  const settle = (meta: QualificationMeta, verdict: Verdict, name: string, replay: string): void => {
    if (verdict.status === "pass") return;
    throw new QualificationFailure(renderFailure(name, verdict, replay));
  };

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

  for (const plugin of session.plan.plugins) {
    describe(plugin.plugin_id, () => {
      for (const check of plugin.checks) {
        const name = testName(plugin.plugin_id, check);
        test(name, async ({ task, skip }) => {
          const verdict = (await session.verdicts(plugin.plugin_id))[check];
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
    await writeSessionOutputs(session);
    session.close();
  });
}
