import type { LockDocument, LockEntryData } from "../../gather/adapters/lock-port.ts";
import { canonicalJson, compareCodePoints } from "../../shared/canonical/canonical-json.ts";

/** One plugin whose lock entry differs: `before` null = added, `after` null = removed (platform `lock diff` keys). */
export interface LockEntryChange {
  readonly plugin_id: string;
  readonly before: LockEntryData | null;
  readonly after: LockEntryData | null;
}

/** A top-level lockfile field that differs (`generated_at`, `contract_lock_hash`, …). */
export interface TopLevelChange {
  readonly field: string;
  readonly before: unknown;
  readonly after: unknown;
}

export interface LockDocumentDiff {
  readonly changes: readonly LockEntryChange[];
  readonly top_level: readonly TopLevelChange[];
}

const same = (a: unknown, b: unknown): boolean => canonicalJson(a ?? null) === canonicalJson(b ?? null);
const own = <T>(record: Readonly<Record<string, T>>, key: string): T | null =>
  Object.hasOwn(record, key) ? record[key]! : null;

/** Per-plugin and top-level differences between two lock documents, sorted by code point. */
export function diffLockDocuments(a: LockDocument, b: LockDocument): LockDocumentDiff {
  const ids = [...new Set([...Object.keys(a.plugins), ...Object.keys(b.plugins)])].sort(compareCodePoints);
  const changes = ids
    .map((plugin_id) => ({ plugin_id, before: own(a.plugins, plugin_id), after: own(b.plugins, plugin_id) }))
    .filter((change) => !same(change.before, change.after));
  const top = a as Record<string, unknown>;
  const bottom = b as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(top), ...Object.keys(bottom)])]
    .filter((field) => field !== "plugins")
    .sort(compareCodePoints);
  const top_level = fields
    .map((field) => ({
      field,
      before: Object.hasOwn(top, field) ? top[field] : null,
      after: Object.hasOwn(bottom, field) ? bottom[field] : null,
    }))
    .filter((change) => !same(change.before, change.after));
  return { changes, top_level };
}

const show = (value: unknown): string =>
  value === null || value === undefined ? "(none)" : typeof value === "string" ? value : canonicalJson(value);

/** The diff for a reviewer: one block per plugin, one line per changed field, full digests (never abbreviated). */
export function renderLockDiff(diff: LockDocumentDiff): string[] {
  const lines: string[] = [];
  for (const change of diff.changes) {
    const mark = change.before === null ? "+" : change.after === null ? "-" : "~";
    const label = change.before === null ? " (added)" : change.after === null ? " (removed)" : "";
    lines.push(`${mark} ${change.plugin_id}${label}`);
    const before = (change.before ?? {}) as Record<string, unknown>;
    const after = (change.after ?? {}) as Record<string, unknown>;
    for (const field of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort(compareCodePoints)) {
      if (!same(before[field], after[field]))
        lines.push(`    ${field}: ${show(before[field])} -> ${show(after[field])}`);
    }
  }
  if (diff.top_level.length > 0) {
    lines.push("~ (top level)");
    for (const change of diff.top_level)
      lines.push(`    ${change.field}: ${show(change.before)} -> ${show(change.after)}`);
  }
  return lines.length > 0 ? lines : ["(no changes)"];
}
