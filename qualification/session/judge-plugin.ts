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

const all = (make: (check: CheckId) => Verdict): PluginVerdicts =>
  Object.fromEntries(CHECK_IDS.map((check) => [check, make(check)])) as PluginVerdicts;

/** Pure: the same evidence always gives the same verdicts. Replay verification calls exactly this. */
export function judgePlugin(item: InventoryPlugin, plugin: PluginEvidence | null, run: RunEvidence): PluginVerdicts {
  const verdicts = judgeChecks(item, plugin, run);
  const ctx = { target: run.target.root, pluginId: item.plugin_id, driftFiles: plugin?.hashes.drift_files ?? null };
  return Object.fromEntries(CHECK_IDS.map((check) => [check, withRemediation(verdicts[check], ctx)])) as PluginVerdicts;
}

function judgeChecks(item: InventoryPlugin, plugin: PluginEvidence | null, run: RunEvidence): PluginVerdicts {
  if (item.category === "deprecated_removed")
    return all(() => notApplicable("DEPRECATED_REMOVED", `retired: ${item.category_reason}; not qualified and not required`));
  if (!item.resolved || !plugin)
    return all(() => fail("UNRESOLVED_ID", `${item.plugin_id} is referenced by ${item.referenced_by.join(", ")} but no plugin.json declares it (add the plugin, remove the reference, or retire it in the deprecation manifest)`));
  if (plugin.manifest?.fault) {
    const f = plugin.manifest.fault;
    const reason = (["MANIFEST_INVALID_JSON", "MANIFEST_NOT_OBJECT", "MANIFEST_SCHEMA", "MANIFEST_COMPAT", "ENTRYPOINT_ESCAPES_PLUGIN_DIR"] as const).find((c) => c === f.code) ?? "MANIFEST_UNREADABLE";
    const locations = f.issues.length > 0 ? f.issues.map((i) => ({ file: f.file ?? plugin.manifest!.path, pointer: i.pointer })) : [{ file: f.file ?? plugin.manifest.path, pointer: null }];
    const manifestFail = fail(reason, f.detail, { locations });
    return {
      allowlisted: judgeAllowlisted(plugin),
      hash_ok: judgeHashOk(plugin, run),
      enabled: manifestFail,
      loaded: judgeLoaded(plugin, run).status === "pass" ? manifestFail : judgeLoaded(plugin, run),
      capability_present: manifestFail,
      functional: manifestFail,
    };
  }
  const loaded = judgeLoaded(plugin, run);
  return {
    allowlisted: judgeAllowlisted(plugin),
    hash_ok: judgeHashOk(plugin, run),
    enabled: judgeEnabled(plugin),
    loaded,
    capability_present: judgeCapabilityPresent(plugin, run, loaded),
    functional: judgeFunctional(plugin, loaded),
  };
}

export const isQualified = (verdicts: PluginVerdicts): boolean => CHECK_IDS.every((check) => verdicts[check].status === "pass");
