import type { PluginEvidence, RunEvidence, StaticPluginEvidence, StaticRunEvidence } from "../../contracts/evidence.ts";
import type { InventoryPlugin } from "../../contracts/plugin-inventory.ts";
import { CHECK_IDS, type CheckId } from "../../contracts/reason-codes.ts";
import type { Verdict } from "../../contracts/verdict.ts";
import { PLUGIN_CHECKS, type StaticCheckId } from "../judge/checks/check-table.ts";
import { fail, notApplicable } from "../judge/checks/verdicts.ts";
import { withRemediation } from "../judge/remediation/with-remediation.ts";

export type PluginVerdicts = Record<CheckId, Verdict>;

/** The checks that need no platform process (the table's `static` rows), in check order. */
export const STATIC_CHECK_IDS: readonly StaticCheckId[] = CHECK_IDS.filter(
  (check): check is StaticCheckId => PLUGIN_CHECKS[check].stage === "static",
);
export type StaticVerdicts = Pick<PluginVerdicts, StaticCheckId>;
export type { StaticPluginEvidence };

/**
 * A plugin that is retired or has no evidence gets the same verdict for every check. A null `item` is a
 * manifest nothing references (judged on its evidence like any plugin) or an ID nobody knows.
 */
function wholePluginVerdict(
  item: InventoryPlugin | null,
  plugin: StaticPluginEvidence | null,
  id: string,
): Verdict | null {
  if (item?.category === "deprecated_removed")
    return notApplicable("DEPRECATED_REMOVED", `retired: ${item.category_reason}; not qualified and not required`);
  if (item && (!item.resolved || !plugin))
    return fail(
      "UNRESOLVED_ID",
      `${id} is referenced by ${item.referenced_by.join(", ")} but no plugin.json declares it (add the plugin, remove the reference, or retire it in the deprecation manifest)`,
    );
  if (!item && !plugin?.manifest)
    return fail("UNRESOLVED_ID", `${id} is neither referenced by the config nor declared by any plugin.json`);
  return null;
}

/** Each check of the table in order, its judge given the verdicts it depends on (judged before it). */
function judgeRows<C extends CheckId>(
  checks: readonly C[],
  judge: (check: C, upstream: Readonly<Partial<PluginVerdicts>>) => Verdict,
): Pick<PluginVerdicts, C> {
  const verdicts: Partial<PluginVerdicts> = {};
  for (const check of checks) verdicts[check] = judge(check, verdicts);
  return verdicts as Pick<PluginVerdicts, C>;
}

function judgeStaticChecks(
  item: InventoryPlugin | null,
  plugin: StaticPluginEvidence | null,
  run: StaticRunEvidence,
): StaticVerdicts {
  const id = item?.plugin_id ?? plugin?.plugin_id ?? "";
  const whole = wholePluginVerdict(item, plugin, id);
  if (whole || !plugin) return judgeRows(STATIC_CHECK_IDS, () => whole ?? fail("UNRESOLVED_ID", `${id}: no evidence`));
  return judgeRows(STATIC_CHECK_IDS, (check, upstream) =>
    PLUGIN_CHECKS[check].judge({ plugin, run, upstream: upstream as PluginVerdicts }),
  );
}

function judgeChecks(item: InventoryPlugin, plugin: PluginEvidence | null, run: RunEvidence): PluginVerdicts {
  const whole = wholePluginVerdict(item, plugin, item.plugin_id);
  if (whole || !plugin)
    return judgeRows(CHECK_IDS, () => whole ?? fail("UNRESOLVED_ID", `${item.plugin_id}: no evidence`));
  return judgeRows(CHECK_IDS, (check, upstream) =>
    PLUGIN_CHECKS[check].judge({ plugin, run, upstream: upstream as PluginVerdicts }),
  );
}

const remediated = <T extends Partial<PluginVerdicts>>(
  verdicts: T,
  run: StaticRunEvidence,
  pluginId: string,
  plugin: StaticPluginEvidence | null,
): T => {
  const ctx = { target: run.target.root, pluginId, driftFiles: plugin?.hashes.drift_files ?? null };
  return Object.fromEntries(
    Object.entries(verdicts).map(([check, verdict]) => [check, withRemediation(verdict as Verdict, ctx)]),
  ) as T;
};

/** Pure: the same evidence always gives the same verdicts. Replay verification calls exactly this. */
export function judgePlugin(item: InventoryPlugin, plugin: PluginEvidence | null, run: RunEvidence): PluginVerdicts {
  return remediated(judgeChecks(item, plugin, run), run, item.plugin_id, plugin);
}

/**
 * The static checks alone, from the very rows `judgePlugin` uses for them (same guards: retired, unresolved,
 * manifest fault; same remediation), so a static run can never disagree with a full one. `item` is null for a
 * manifest the inventory does not list (nothing references it).
 */
export function judgeStaticPlugin(
  item: InventoryPlugin | null,
  plugin: StaticPluginEvidence | null,
  run: StaticRunEvidence,
): StaticVerdicts {
  return remediated(judgeStaticChecks(item, plugin, run), run, item?.plugin_id ?? plugin?.plugin_id ?? "", plugin);
}

export const isQualified = (verdicts: PluginVerdicts): boolean =>
  CHECK_IDS.every((check) => verdicts[check].status === "pass");
