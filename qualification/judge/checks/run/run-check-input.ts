import type { Fault, RunEvidence } from "../../../../contracts/evidence.ts";
import type { PluginInventory } from "../../../../contracts/plugin-inventory.ts";
import type { Verdict } from "../../../../contracts/verdict.ts";

/** What every run check reads: the run's evidence and the canonical inventory, both recorded in the bundle. */
export interface RunCheckInput {
  readonly run: RunEvidence;
  readonly inventory: PluginInventory;
}

/** A fault's file and pointers as verdict locations (the whole file when it names no pointer). */
export const located = (f: Fault): Pick<Verdict, "locations"> => ({
  locations: (f.issues.length > 0 ? f.issues : [{ pointer: "" }]).map((i) => ({
    file: f.file ?? "",
    pointer: i.pointer,
  })),
});
