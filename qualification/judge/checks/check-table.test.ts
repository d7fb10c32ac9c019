import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { CHECK_IDS } from "../../../contracts/reason-codes.ts";
import { SUITE_ROOT } from "../../shared/options/resolve-options.ts";
import { PLUGIN_CHECKS } from "./check-table.ts";
import { GATE_CONTRACT_FILE, renderGateContract } from "./render-gate-contract.ts";

test("every check's dependencies are judged before it, and a static check depends only on static ones", () => {
  const problems: string[] = [];
  for (const [index, id] of CHECK_IDS.entries())
    for (const dep of PLUGIN_CHECKS[id].dependsOn as readonly (typeof CHECK_IDS)[number][]) {
      if (CHECK_IDS.indexOf(dep) >= index) problems.push(`${id} depends on ${dep}, which is judged after it`);
      if (PLUGIN_CHECKS[id].stage === "static" && PLUGIN_CHECKS[dep].stage !== "static")
        problems.push(`static ${id} depends on ${dep}, which needs the platform`);
    }
  expect(problems).toEqual([]);
});

test(`${GATE_CONTRACT_FILE} is what the check table renders (run \`pnpm contracts:generate\`)`, () => {
  expect(readFileSync(join(SUITE_ROOT, GATE_CONTRACT_FILE), "utf8")).toBe(renderGateContract());
});
