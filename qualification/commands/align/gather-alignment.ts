import type { AlignLimitation } from "../../gather/adapters/align-limitation.ts";
import type { AlignFacts, AlignPort, AlignTargets } from "../../gather/adapters/align-port.ts";
import { platformSettingsOf } from "../../gather/adapters/platform-settings-of.ts";
import { compareCodePoints } from "../../shared/canonical/canonical-json.ts";
import { readDeprecations, readRequiredList } from "../../judge/inventory/read-contract-lists.ts";
import type { QualifyOptions } from "../../shared/options/resolve-options.ts";
import { QualificationSession } from "../../session/qualification-session.ts";
import { withPlatformConfigDir } from "../writers/platform-config-dir.ts";
import { WriteRefusal } from "../writers/write-refusal.ts";

export interface AlignmentContext {
  readonly targets: AlignTargets;
  /** The platform's facts for this target, which plan the edit. */
  readonly facts: AlignFacts;
  /** What the inventory leaves to a human (the platform's own come with its plan). */
  readonly limitations: readonly AlignLimitation[];
}

/** Required-plugin contracts and the deprecation manifest must be valid: they decide what "aligned" means. */
function assertInventoryInputs(options: QualifyOptions): void {
  const faults = [
    ...options.requiredFiles.map((file) => readRequiredList(file).fault),
    options.deprecationsFile ? readDeprecations(options.deprecationsFile).fault : null,
  ];
  const fault = faults.find((f) => f !== null);
  if (fault) throw new WriteRefusal("INVENTORY_INPUT_INVALID", fault.detail, fault.file ?? null);
}

/**
 * What the target should look like, from the same static facts a qualification gathers (no platform
 * process): the canonical inventory (config references, required contracts, deprecations), and the platform's
 * facts through its align port, which say what an old ID in the config stands for and plan the edit.
 */
export async function gatherAlignment(options: QualifyOptions, port: AlignPort): Promise<AlignmentContext> {
  assertInventoryInputs(options);
  const session = await QualificationSession.open(options);
  const inventory = session.inventory;
  session.close();
  const facts = await withPlatformConfigDir(options, (configDir) =>
    port.facts({
      root: options.target,
      configDir,
      safeMode: options.safeMode,
      platformEnv: platformSettingsOf(options).platformEnv,
    }),
  );
  const keep = new Set<string>();
  const drop = new Map<string, "unresolved" | "deprecated">();
  const limitations: AlignLimitation[] = [];
  for (const plugin of inventory.plugins) {
    if (plugin.category === "deprecated_removed") {
      drop.set(plugin.plugin_id, "deprecated");
      if (!plugin.referenced_by.some((source) => source.startsWith("deprecations:")) && plugin.referenced_by.length > 0)
        limitations.push({
          code: "RETIRED_WITHOUT_RECORD",
          plugin_id: plugin.plugin_id,
          detail: `${plugin.plugin_id} is retired by the platform (${plugin.category_reason}) and is dropped from the config; add it to the deprecation manifest (QUALIFY_DEPRECATIONS) to keep it in the canonical inventory as retired`,
        });
    } else if (!plugin.resolved) {
      drop.set(plugin.plugin_id, "unresolved");
      const target = facts.aliasOf(plugin.plugin_id);
      if (target !== undefined) keep.add(target);
    } else keep.add(plugin.plugin_id);
  }
  for (const item of inventory.unreferenced_manifests)
    limitations.push({
      code: "UNREFERENCED_MANIFEST",
      plugin_id: item.plugin_id,
      detail: `${item.manifest} is referenced by no list or contract, so it is not canonical and align does not allowlist it; name it in a required-plugins contract (QUALIFY_REQUIRED) to have it aligned`,
    });
  return { targets: { keep: [...keep].sort(compareCodePoints), drop }, facts, limitations };
}
