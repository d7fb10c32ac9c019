import { compareCodePoints } from "../../../../shared/canonical/canonical-json.ts";
import { pointerOf, type JsonPatchOp } from "../../../../shared/json/json-patch.ts";
import type { AlignTargets } from "../../align-port.ts";

/** The canonical inventory's targets (kept plugins allowlisted and enabled), and the facts that decide how. */
export interface AlignmentTargets extends AlignTargets {
  /** The manifest's own `enabled` (the registry's fallback when `plugins.enabled` does not name the plugin). */
  readonly manifestEnabled: (id: string) => boolean;
  /**
   * Effective `plugins.safe_mode`: then `default_pack`, not the enabled map, decides
   * (`autocapture_nx/plugin_system/registry.py` `load_plugins`, its `is_enabled`).
   */
  readonly safeMode: boolean;
}

export interface ListChange {
  readonly added: readonly string[];
  readonly removed: readonly string[];
}

export interface AlignmentPlan {
  readonly patch: readonly JsonPatchOp[];
  readonly allowlist: ListChange;
  readonly default_pack: ListChange;
  /** `enabled` keys set to true (`added`) and keys deleted (`removed`). */
  readonly enabled: ListChange;
}

const strings = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === "string");
const sorted = (items: Iterable<string>): string[] => [...items].sort(compareCodePoints);
const isSorted = (items: readonly string[]): boolean =>
  items.every((item, i) => i === 0 || compareCodePoints(items[i - 1]!, item) <= 0);

/**
 * One list: drop the IDs to drop and later duplicates (highest index first, so each index is valid when its
 * operation runs), then add the missing ones: at their sorted position when the list is sorted, else at the end.
 */
function alignList(
  list: readonly string[],
  key: string,
  drop: (id: string) => boolean,
  required: readonly string[],
): { ops: JsonPatchOp[]; change: ListChange } {
  const seen = new Set<string>();
  const removeAt: number[] = [];
  list.forEach((id, index) => {
    if (drop(id) || seen.has(id)) removeAt.push(index);
    seen.add(id);
  });
  const ops: JsonPatchOp[] = removeAt
    .reverse()
    .map((index) => ({ op: "remove", path: pointerOf("plugins", key, index) }));
  const remaining = list.filter((_, index) => !removeAt.includes(index));
  const missing = sorted(new Set(required.filter((id) => !remaining.includes(id))));
  if (isSorted(remaining)) {
    const merged = sorted([...remaining, ...missing]);
    // Ascending final positions: each insertion lands where it will finally be.
    for (const id of missing) ops.push({ op: "add", path: pointerOf("plugins", key, merged.indexOf(id)), value: id });
  } else {
    for (const id of missing) ops.push({ op: "add", path: pointerOf("plugins", key, "-"), value: id });
  }
  return {
    ops,
    change: { added: missing, removed: sorted(new Set(removeAt.map((index) => list[index]!).filter(drop))) },
  };
}

/**
 * Pure: the minimal RFC 6902 patch to `config/default.json` after which allowlist, enabled map and
 * default_pack agree with the canonical inventory: every kept plugin allowlisted and enabled, every dropped ID
 * gone from all three. `enabled` is only touched where the registry would otherwise say no (an explicit
 * `false`, or no entry and a manifest that defaults to disabled); `default_pack` only gains plugins in safe
 * mode, where it is the enabled set. The caller checks `plugins` and its three keys have the right types.
 */
export function planAlignment(plugins: Readonly<Record<string, unknown>>, targets: AlignmentTargets): AlignmentPlan {
  const drop = (id: string): boolean => targets.drop.has(id);
  const patch: JsonPatchOp[] = [];
  const listFor = (key: "allowlist" | "default_pack", required: readonly string[]): ListChange => {
    const value = plugins[key];
    if (value === undefined) {
      if (required.length > 0) patch.push({ op: "add", path: pointerOf("plugins", key), value: sorted(required) });
      return { added: sorted(required), removed: [] };
    }
    if (!strings(value)) throw new Error(`internal: plugins.${key} is not a string array`);
    const { ops, change } = alignList(value, key, drop, required);
    patch.push(...ops);
    return change;
  };
  const allowlist = listFor("allowlist", targets.keep);
  const default_pack = listFor("default_pack", targets.safeMode ? targets.keep : []);

  const map = (plugins.enabled ?? {}) as Readonly<Record<string, unknown>>;
  const removed = sorted(Object.keys(map).filter(drop));
  const added = targets.keep.filter((id) =>
    Object.hasOwn(map, id) ? map[id] === false : !targets.manifestEnabled(id),
  );
  if (plugins.enabled === undefined && added.length > 0) {
    patch.push({
      op: "add",
      path: pointerOf("plugins", "enabled"),
      value: Object.fromEntries(added.map((id) => [id, true])),
    });
  } else {
    for (const id of removed) patch.push({ op: "remove", path: pointerOf("plugins", "enabled", id) });
    for (const id of added)
      patch.push({
        op: Object.hasOwn(map, id) ? "replace" : "add",
        path: pointerOf("plugins", "enabled", id),
        value: true,
      });
  }
  return { patch, allowlist, default_pack, enabled: { added, removed } };
}
