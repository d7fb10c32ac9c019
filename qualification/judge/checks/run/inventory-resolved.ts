import type { Verdict } from "../../../../contracts/verdict.ts";
import { fail, pass } from "../verdicts.ts";
import type { RunCheckInput } from "./run-check-input.ts";

/** Every referenced ID resolves to a manifest or is retired. */
export function judgeInventoryResolved({ inventory }: RunCheckInput): Verdict {
  const unresolved = inventory.unresolved_ids;
  if (unresolved.length === 0)
    return pass(`all ${inventory.plugins.length} referenced IDs resolve to a manifest or are retired`);
  return fail(
    "UNRESOLVED_ID",
    `referenced without a manifest: ${unresolved.map((u) => `${u.plugin_id} (by ${u.referenced_by.join(", ")})`).join("; ")}`,
  );
}
