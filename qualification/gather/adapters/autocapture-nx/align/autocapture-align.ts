import { readJsonObjectFile } from "../../../../shared/io/read-json-file.ts";
import type { AlignFacts, AlignPlanned, AlignPort } from "../../align-port.ts";
import { gatherStatic } from "../gather-static.ts";
import { aliasMap } from "../registry/effective-enabled.ts";
import { checkAlignableConfig, DEFAULT_CONFIG_REL, pluginsOf } from "./alignable-config.ts";
import { planAlignment, type AlignmentTargets } from "./plan-alignment.ts";
import { platformLimitations, type LimitingFacts } from "./platform-limitations.ts";
import { userConfigGaps } from "./user-config-gaps.ts";

/** What planning needs of the effective config beyond the switches that limit it. */
interface PlanningFacts extends LimitingFacts {
  readonly manifestEnabled: (id: string) => boolean;
  /** The user's config file the effective config merged in, or null when there is none. */
  readonly userConfig: string | null;
}

/**
 * The plan for Autocapture NX: edit `config/default.json`'s allowlist, enabled map and default_pack, then re-check
 * the goal on default.json + user.json merged as the platform merges them. A user.json that cannot be read, or
 * that overrides an aligned key, is a refusal: align never edits the user's file.
 */
function planFor(
  config: Readonly<Record<string, unknown>>,
  goal: AlignmentTargets,
  facts: PlanningFacts,
): AlignPlanned {
  let user: Record<string, unknown> | null = null;
  const userFile = facts.userConfig;
  if (userFile !== null) {
    const read = readJsonObjectFile(userFile, userFile, "CONFIG");
    if (!read.ok) return { ok: false, refusal: { code: "CONFIG_INVALID", detail: read.fault.detail, file: userFile } };
    user = read.value;
  }
  const plan = planAlignment(pluginsOf(config), goal);
  return {
    ok: true,
    plan: {
      patch: plan.patch,
      changes: { allowlist: plan.allowlist, default_pack: plan.default_pack, enabled: plan.enabled },
      limitations: platformLimitations(facts, goal.keep),
      verify(aligned) {
        const gaps = userConfigGaps(aligned, user, userFile, goal);
        if (gaps.length === 0) return null;
        return {
          code: "USER_CONFIG_OVERRIDES",
          detail: `aligning ${DEFAULT_CONFIG_REL} cannot fix what user.json overrides (arrays replace): ${gaps.map((g) => `${g.file}#${g.pointer}: ${g.detail}`).join("; ")}`,
          file: gaps[0]!.file,
        };
      },
    },
  };
}

/**
 * Autocapture NX behind `qualify align`. Its facts come from the static gather a qualification makes: the
 * effective config (default.json + user.json) and the manifests. The alias map is built over every manifest
 * read, faulty ones too, in discovery order, as the registry's `_alias_map` walks them.
 */
export const autocaptureAlign: AlignPort = {
  configFile: DEFAULT_CONFIG_REL,
  keyedObjects: [[], ["plugins"], ["plugins", "enabled"]],
  changeLabels: {
    allowlist: { added: "allowlist +", removed: "allowlist -" },
    default_pack: { added: "default_pack +", removed: "default_pack -" },
    enabled: { added: "enabled = true", removed: "enabled -" },
  },
  checkConfig: checkAlignableConfig,
  async facts(inputs): Promise<AlignFacts> {
    const statics = await gatherStatic(
      { ...inputs, requireLockSignature: false, keyringFile: null, signatureFile: null },
      null,
    );
    const manifests = statics.manifests;
    const aliases = aliasMap(
      new Map(
        [...manifests].map(([id, facts]) => [
          id,
          {
            kinds: [],
            provides: [],
            enabledDefault: facts.enabled_default,
            dependsOn: [],
            requiredCapabilities: [],
            replaces: facts.replaces,
          },
        ]),
      ),
    );
    const config = statics.config.plugins;
    const facts: PlanningFacts = {
      manifestEnabled: (id) => manifests.get(id)?.enabled_default ?? true,
      safeMode: config.safeMode,
      safeModeMinimal: config.safeModeMinimal,
      quarantine: config.quarantine,
      userConfig: statics.config.userConfig,
    };
    return {
      aliasOf: (id) => aliases.get(id),
      plan: (plain, targets) =>
        planFor(plain, { ...targets, manifestEnabled: facts.manifestEnabled, safeMode: facts.safeMode }, facts),
    };
  },
};
