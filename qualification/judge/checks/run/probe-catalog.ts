import type { Verdict } from "../../../../contracts/verdict.ts";
import { findOrphanSpecs } from "../../../gather/probe/find-orphan-specs.ts";
import { fail, pass } from "../verdicts.ts";
import type { RunCheckInput } from "./run-check-input.ts";

/**
 * A probe catalog applies to the target. Orphan specs are reported, not failed: a spec for a retired or renamed
 * plugin is stale, not a defect of the target.
 */
export function judgeProbeCatalog({ run, inventory }: RunCheckInput): Verdict {
  const catalog = run.probe_catalog;
  if (catalog.source === "none")
    return fail("SPEC_MISSING", `${catalog.why}; every plugin's functional check is SPEC_MISSING`, {
      locations: [{ file: catalog.display, pointer: null }],
    });
  const orphans = findOrphanSpecs(
    catalog.spec_ids,
    inventory.plugins.map((p) => p.plugin_id),
  );
  const which = `catalog ${catalog.name ?? catalog.display}${catalog.version ? ` v${catalog.version}` : ""} (${catalog.source}: ${catalog.why})`;
  const count = catalog.spec_ids.length;
  if (orphans.length === 0) return pass(`${which}: ${count} spec(s), each matching a canonical plugin`);
  return pass(
    `${which}: ${count} spec(s); ${orphans.length} orphan spec(s) match no canonical plugin: ${orphans.join(", ")}`,
    { actual: orphans },
  );
}
