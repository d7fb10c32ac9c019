import { CHECK_IDS, RUN_CHECK_IDS } from "../../../contracts/reason-codes.ts";
import { PLUGIN_CHECKS, RUN_CHECKS } from "./check-table.ts";

/** Where the gate file lives, relative to the suite's root. */
export const GATE_CONTRACT_FILE = "contracts/plugin_enablement_gate_v1.json";

/**
 * contracts/plugin_enablement_gate_v1.json, rendered from the check table: the checks a canonical plugin (outside
 * deprecated_removed) must pass to be qualified, and the run checks beside them, for readers outside the suite.
 * Generated (`pnpm contracts:generate`), never edited: a test fails when the committed file drifts from the table.
 */
export function renderGateContract(): string {
  const gate = {
    schema_version: 1,
    gate: "plugin_enablement_gate_v1",
    description:
      "The per-plugin checks every canonical plugin outside deprecated_removed must pass to be qualified, and the run-level checks of the whole target. Order is evaluation and report order. Generated from qualification/judge/checks/check-table.ts.",
    checks: CHECK_IDS.map((id) => ({
      id,
      title: PLUGIN_CHECKS[id].title,
      source: PLUGIN_CHECKS[id].source,
      depends_on: [...PLUGIN_CHECKS[id].dependsOn],
    })),
    run_checks: RUN_CHECK_IDS.map((id) => ({ id, title: RUN_CHECKS[id].title, source: RUN_CHECKS[id].source })),
  };
  return `${JSON.stringify(gate, null, 2)}\n`;
}
