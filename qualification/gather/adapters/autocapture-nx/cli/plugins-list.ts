import { z } from "zod";
import type { CommandEvidence } from "../../../../../contracts/evidence.ts";

/**
 * The `plugins list` row fields we record (`autocapture_nx/plugin_system/manager.py` `list_plugins`). They use the
 * manager's semantics, not the registry's.
 */
const ListRow = z.object({
  plugin_id: z.string(),
  allowlisted: z.boolean(),
  enabled: z.boolean(),
  hash_ok: z.boolean().optional(),
  kinds: z.array(z.string()).optional(),
  provides: z.array(z.string()).optional(),
});
const ListOutput = z.object({ plugins: z.array(ListRow) });

export interface ListRowFacts {
  readonly allowlisted: boolean;
  readonly enabled: boolean;
  readonly hash_ok: boolean;
  readonly kinds: string[];
  readonly provides: string[];
}

export type ParsedList =
  | { readonly ok: true; readonly rows: ReadonlyMap<string, ListRowFacts> }
  | { readonly ok: false; readonly detail: string };

export function parsePluginsList(evidence: CommandEvidence): ParsedList {
  if (evidence.fault) return { ok: false, detail: evidence.fault.detail };
  const parsed = ListOutput.safeParse(evidence.json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      detail: `plugins list output does not match the reference shape at /${issue?.path.join("/") ?? ""}: ${issue?.message ?? ""}`,
    };
  }
  const rows = new Map<string, ListRowFacts>();
  for (const row of parsed.data.plugins) {
    rows.set(row.plugin_id, {
      allowlisted: row.allowlisted,
      enabled: row.enabled,
      hash_ok: row.hash_ok ?? false,
      kinds: [...(row.kinds ?? [])].sort(),
      provides: [...(row.provides ?? [])].sort(),
    });
  }
  return { ok: true, rows };
}
