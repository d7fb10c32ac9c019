import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { SUITE_ROOT } from "../../shared/options/resolve-options.ts";
import { GATE_CONTRACT_FILE, renderGateContract } from "./render-gate-contract.ts";

// `pnpm contracts:generate` runs this after the zod contracts: the gate file follows the check table.
writeFileSync(join(SUITE_ROOT, GATE_CONTRACT_FILE), renderGateContract());
console.log(`wrote ${GATE_CONTRACT_FILE}`);
