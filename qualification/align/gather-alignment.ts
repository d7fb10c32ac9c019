import { join } from "node:path";
import type { AlignPort } from "../adapters/align-port.ts";
import { isPlainObject } from "../json/deep-merge.ts";
import { compareCodePoints } from "../canonical/canonical-json.ts";
import { readJsonObjectFile } from "../io/read-json-file.ts";
import { readDeprecations, readRequiredList } from "../inventory/read-contract-lists.ts";
import type { QualifyOptions } from "../options/resolve-options.ts";
import { QualificationSession } from "../session/qualification-session.ts";
import { withPlatformConfigDir } from "../writers/platform-config-dir.ts";
import { WriteRefusal } from "../writers/write-refusal.ts";
import type { AlignLimitation } from "./align-limitation.ts";
import type { AlignmentTargets } from "./plan-alignment.ts";

export interface AlignmentContext {
  readonly targets: AlignmentTargets;
  readonly user: Record<string, unknown> | null;
  readonly userFile: string | null;
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
 * config facts through its align port: the manifests' own `enabled` and `replaces`, the effective safe-mode
 * flags, quarantine and user.json.
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
      platformEnv: options.platformEnv,
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
  if (facts.safeMode && facts.safeModeMinimal)
    limitations.push({
      code: "SAFE_MODE_MINIMAL",
      plugin_id: null,
      detail:
        "safe-mode-minimal replaces the enabled set with the provider closure of kernel.safe_mode_required_capabilities; no allowlist/enabled/default_pack edit changes that",
    });
  for (const id of facts.quarantine.filter((q) => keep.has(q)).sort(compareCodePoints))
    limitations.push({
      code: "QUARANTINED",
      plugin_id: id,
      detail: `${id} is quarantined in user.json plugins.quarantine; align does not edit user.json: remove it there once the crash loop is fixed`,
    });

  let user: Record<string, unknown> | null = null;
  const userFile = facts.userConfig;
  if (userFile !== null) {
    const read = readJsonObjectFile(userFile, userFile, "CONFIG");
    if (!read.ok) throw new WriteRefusal("CONFIG_INVALID", read.fault.detail, userFile);
    user = read.value;
  }
  const targets: AlignmentTargets = {
    keep: [...keep].sort(compareCodePoints),
    drop,
    manifestEnabled: (id) => facts.manifestEnabled(id),
    safeMode: facts.safeMode,
  };
  return {
    targets,
    user,
    userFile,
    limitations: limitations.sort(
      (a, b) => compareCodePoints(a.code, b.code) || compareCodePoints(a.plugin_id ?? "", b.plugin_id ?? ""),
    ),
  };
}

export const DEFAULT_CONFIG_REL = "config/default.json";
export const defaultConfigPath = (root: string): string => join(root, DEFAULT_CONFIG_REL);

/** `plugins` and its three aligned keys must have the platform's types before a patch can be planned. */
export function assertAlignableConfig(plain: unknown, display: string): Record<string, unknown> {
  if (!isPlainObject(plain) || !isPlainObject(plain.plugins))
    throw new WriteRefusal("CONFIG_INVALID", `${display}: /plugins must be an object`, display);
  const plugins = plain.plugins;
  for (const key of ["allowlist", "default_pack"] as const) {
    const value = plugins[key];
    if (value !== undefined && !(Array.isArray(value) && value.every((item) => typeof item === "string")))
      throw new WriteRefusal(
        "CONFIG_INVALID",
        `${display}: /plugins/${key} must be an array of plugin ID strings`,
        display,
      );
  }
  const enabled = plugins.enabled;
  if (
    enabled !== undefined &&
    !(isPlainObject(enabled) && Object.values(enabled).every((value) => typeof value === "boolean"))
  )
    throw new WriteRefusal(
      "CONFIG_INVALID",
      `${display}: /plugins/enabled must be an object of {plugin_id: boolean}`,
      display,
    );
  return plugins;
}
