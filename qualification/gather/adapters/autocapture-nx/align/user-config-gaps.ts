import { deepMerge, isPlainObject } from "../../../../shared/json/deep-merge.ts";
import { pointerOf } from "../../../../shared/json/json-patch.ts";
import type { AlignmentTargets } from "./plan-alignment.ts";

/** A goal the aligned default.json still misses in the effective config, and the user.json member to blame. */
export interface UserConfigGap {
  readonly plugin_id: string;
  readonly file: string;
  readonly pointer: string;
  readonly detail: string;
}

const plugins = (config: unknown): Record<string, unknown> =>
  isPlainObject(config) && isPlainObject(config.plugins) ? config.plugins : {};
const list = (value: unknown): readonly string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];

/**
 * Re-checks the goals on the effective config (aligned default.json + user.json, merged as the platform merges:
 * arrays replaced wholesale: `autocapture_nx/kernel/config.py` `_deep_merge`). Editing default.json cannot win against
 * a user.json that replaces the allowlist or default_pack, or sets `enabled[id]` false, so each such miss is reported
 * with the user.json member responsible. A miss with no user.json member to blame is a bug in the plan and throws.
 */
export function userConfigGaps(
  alignedDefaults: Readonly<Record<string, unknown>>,
  user: Readonly<Record<string, unknown>> | null,
  userFile: string | null,
  targets: AlignmentTargets,
): UserConfigGap[] {
  const effective = plugins(deepMerge(alignedDefaults, user ?? {}));
  const own = plugins(user ?? {});
  const gaps: UserConfigGap[] = [];
  const miss = (id: string, key: string, detail: string, memberKey: string | null = null): void => {
    const userHasIt =
      memberKey === null ? Object.hasOwn(own, key) : isPlainObject(own[key]) && Object.hasOwn(own[key], memberKey);
    if (!userHasIt || userFile === null) throw new Error(`internal: aligned config still fails for ${id}: ${detail}`);
    gaps.push({
      plugin_id: id,
      file: userFile,
      pointer: memberKey === null ? pointerOf("plugins", key) : pointerOf("plugins", key, memberKey),
      detail,
    });
  };
  const allowlist = list(effective.allowlist);
  const pack = list(effective.default_pack);
  const enabled = isPlainObject(effective.enabled) ? effective.enabled : {};
  for (const id of targets.keep) {
    if (!allowlist.includes(id))
      miss(id, "allowlist", `${id} must be allowlisted, but user.json replaces plugins.allowlist without it`);
    if (targets.safeMode && !pack.includes(id))
      miss(id, "default_pack", `${id} must be in default_pack (safe mode), but user.json replaces it without ${id}`);
    if (!targets.safeMode && enabled[id] === false)
      miss(id, "enabled", `user.json sets plugins.enabled["${id}"] to false`, id);
  }
  for (const id of targets.drop.keys()) {
    if (allowlist.includes(id))
      miss(
        id,
        "allowlist",
        `${id} (${targets.drop.get(id)}) must not be allowlisted, but user.json's plugins.allowlist lists it`,
      );
    if (pack.includes(id))
      miss(id, "default_pack", `${id} (${targets.drop.get(id)}) must not be in default_pack, but user.json's lists it`);
    if (Object.hasOwn(enabled, id))
      miss(id, "enabled", `${id} (${targets.drop.get(id)}) must not be in plugins.enabled, but user.json names it`, id);
  }
  return gaps;
}
