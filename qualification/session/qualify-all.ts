import type { RunEvidence } from "../../contracts/evidence.ts";
import type { PluginInventory } from "../../contracts/plugin-inventory.ts";
import type { Verdict } from "../../contracts/verdict.ts";
import type { QualifyOptions } from "../shared/options/resolve-options.ts";
import type { PluginVerdicts } from "./judge-plugin.ts";
import type { RunCheckId } from "./plan.ts";
import { QualificationSession } from "./qualification-session.ts";

export interface QualificationOutcome {
  readonly inventory: PluginInventory;
  readonly verdicts: ReadonlyMap<string, PluginVerdicts>;
  readonly runVerdicts: Record<RunCheckId, Verdict>;
  readonly evidence: RunEvidence;
}

/**
 * The whole qualification without Vitest: what the generated tests assert, as data. Used by the suite's own
 * tests and by commands that qualify several times (marshal, shards, bench). `only` limits it to some plugins.
 */
export async function qualifyAll(
  options: QualifyOptions,
  only?: (pluginId: string) => boolean,
): Promise<QualificationOutcome> {
  const session = await QualificationSession.open(options);
  try {
    const verdicts = new Map<string, PluginVerdicts>();
    const selected = session.plan.plugins.filter((p) => !only || only(p.plugin_id));
    // Plugins are independent; a small pool keeps several platform processes busy without oversubscribing.
    const queue = [...selected];
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let next = queue.shift(); next; next = queue.shift())
          verdicts.set(next.plugin_id, await session.verdicts(next.plugin_id));
      }),
    );
    return {
      inventory: session.inventory,
      verdicts,
      runVerdicts: await session.runVerdicts(),
      evidence: await session.runEvidence(),
    };
  } finally {
    await session.close();
  }
}
