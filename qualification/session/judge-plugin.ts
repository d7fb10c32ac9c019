import type { PluginEvidence, RunEvidence } from "../../contracts/evidence.ts";
import type { InventoryPlugin } from "../../contracts/plugin-inventory.ts";
import { CHECK_IDS, type CheckId } from "../../contracts/reason-codes.ts";
import type { Verdict } from "../../contracts/verdict.ts";
import { judgeAllowlisted } from "../checks/allowlisted.ts";
import { judgeCapabilityPresent } from "../checks/capability-present.ts";
import { judgeEnabled } from "../checks/enabled.ts";
import { judgeFunctional } from "../checks/functional.ts";
import { judgeHashOk } from "../checks/hash-ok.ts";
import { judgeLoaded } from "../checks/loaded.ts";
import { fail, notApplicable } from "../checks/verdicts.ts";
import { withRemediation } from "../remediation/with-remediation.ts";

export type PluginVerdicts = Record<CheckId, Verdict>;

/** The checks that need no platform process: allowlisted, hash_ok, enabled. */
export const STATIC_CHECK_IDS = ["allowlisted", "hash_ok", "enabled"] as const satisfies readonly CheckId[];
export type StaticVerdicts = Pick<PluginVerdicts, (typeof STATIC_CHECK_IDS)[number]>;

/** What the static checks read: the evidence gathered without running the platform. */
export type StaticPluginEvidence = Pick<PluginEvidence, "plugin_id" | "manifest" | "hashes" | "lock_entry" | "config">;
type StaticRun = Pick<RunEvidence, "lockfile" | "config" | "target">;

const all = (make: (check: CheckId) => Verdict): PluginVerdicts =>
  Object.fromEntries(CHECK_IDS.map((check) => [check, make(check)])) as PluginVerdicts;

/**
 * A plugin that is retired or has no evidence gets the same verdict for every check. A null `item` is a
 * manifest nothing references (judged on its evidence like any plugin) or an ID nobody knows.
 */
function wholePluginVerdict(item: InventoryPlugin | null, plugin: StaticPluginEvidence | null, id: string): Verdict | null {
  if (item?.category === "deprecated_removed") return notApplicable("DEPRECATED_REMOVED", `retired: ${item.category_reason}; not qualified and not required`);
  if (item && (!item.resolved || !plugin))
    return fail("UNRESOLVED_ID", `${id} is referenced by ${item.referenced_by.join(", ")} but no plugin.json declares it (add the plugin, remove the reference, or retire it in the deprecation manifest)`);
  if (!item && !plugin?.manifest) return fail("UNRESOLVED_ID", `${id} is neither referenced by the config nor declared by any plugin.json`);
  return null;
}

/** The platform never gets past a manifest it rejects: every check that needs the manifest fails with its fault. */
function manifestFault(plugin: StaticPluginEvidence): Verdict | null {
  const f = plugin.manifest?.fault;
  if (!f) return null;
  const reason = (["MANIFEST_INVALID_JSON", "MANIFEST_NOT_OBJECT", "MANIFEST_SCHEMA", "MANIFEST_COMPAT", "MANIFEST_TOO_LARGE", "ENTRYPOINT_ESCAPES_PLUGIN_DIR"] as const).find((c) => c === f.code) ?? "MANIFEST_UNREADABLE";
  const path = plugin.manifest!.path;
  const locations = f.issues.length > 0 ? f.issues.map((i) => ({ file: f.file ?? path, pointer: i.pointer })) : [{ file: f.file ?? path, pointer: null }];
  return fail(reason, f.detail, { locations });
}

/**
 * A manifest the platform parses but refuses (schema, compat) still has an enabled state by the config: the
 * registry records the refusal among the plugins it tried to load (`failed`, phase `manifest`), so that is
 * `loaded`'s failure, not `enabled`'s. A manifest it cannot even parse names no plugin to the platform.
 */
function configJudgesEnabled(plugin: StaticPluginEvidence): boolean {
  const code = plugin.manifest?.fault?.code;
  return code === "MANIFEST_COMPAT" || code === "MANIFEST_SCHEMA";
}

function judgeStaticChecks(item: InventoryPlugin | null, plugin: StaticPluginEvidence | null, run: StaticRun): StaticVerdicts {
  const id = item?.plugin_id ?? plugin?.plugin_id ?? "";
  const whole = wholePluginVerdict(item, plugin, id);
  if (whole || !plugin) {
    const verdict = whole ?? fail("UNRESOLVED_ID", `${id}: no evidence`);
    return { allowlisted: verdict, hash_ok: verdict, enabled: verdict };
  }
  return { allowlisted: judgeAllowlisted(plugin), hash_ok: judgeHashOk(plugin, run), enabled: (configJudgesEnabled(plugin) ? null : manifestFault(plugin)) ?? judgeEnabled(plugin) };
}

function judgeChecks(item: InventoryPlugin, plugin: PluginEvidence | null, run: RunEvidence): PluginVerdicts {
  const whole = wholePluginVerdict(item, plugin, item.plugin_id);
  if (whole || !plugin) return all(() => whole ?? fail("UNRESOLVED_ID", `${item.plugin_id}: no evidence`));
  const staticVerdicts = judgeStaticChecks(item, plugin, run);
  const loaded = judgeLoaded(plugin, run);
  const manifestFail = manifestFault(plugin);
  if (manifestFail)
    return { ...staticVerdicts, loaded: loaded.status === "pass" ? manifestFail : loaded, capability_present: manifestFail, functional: manifestFail };
  return { ...staticVerdicts, loaded, capability_present: judgeCapabilityPresent(plugin, run, loaded), functional: judgeFunctional(plugin, loaded) };
}

const remediated = <T extends Partial<PluginVerdicts>>(verdicts: T, run: StaticRun, pluginId: string, plugin: StaticPluginEvidence | null): T => {
  const ctx = { target: run.target.root, pluginId, driftFiles: plugin?.hashes.drift_files ?? null };
  return Object.fromEntries(Object.entries(verdicts).map(([check, verdict]) => [check, withRemediation(verdict as Verdict, ctx)])) as T;
};

/** Pure: the same evidence always gives the same verdicts. Replay verification calls exactly this. */
export function judgePlugin(item: InventoryPlugin, plugin: PluginEvidence | null, run: RunEvidence): PluginVerdicts {
  const verdicts = judgeChecks(item, plugin, run);
  return remediated(Object.fromEntries(CHECK_IDS.map((check) => [check, verdicts[check]])) as PluginVerdicts, run, item.plugin_id, plugin);
}

/**
 * The static checks alone, from the very code `judgePlugin` uses for them (same guards: retired, unresolved,
 * manifest fault; same remediation), so a static run can never disagree with a full one. `item` is null for a
 * manifest the inventory does not list (nothing references it).
 */
export function judgeStaticPlugin(item: InventoryPlugin | null, plugin: StaticPluginEvidence | null, run: StaticRun): StaticVerdicts {
  return remediated(judgeStaticChecks(item, plugin, run), run, item?.plugin_id ?? plugin?.plugin_id ?? "", plugin);
}

export const isQualified = (verdicts: PluginVerdicts): boolean => CHECK_IDS.every((check) => verdicts[check].status === "pass");
