import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Reporter, TestModule, Vitest } from "vitest/node";
import type { RunEvidence } from "../contracts/evidence.ts";
import type { PluginInventory } from "../contracts/plugin-inventory.ts";
import { stableJson } from "../qualification/canonical/canonical-json.ts";
import { resolveOptions } from "../qualification/options/resolve-options.ts";
import { EVIDENCE_FILE, INVENTORY_FILE } from "../qualification/register/write-session-outputs.ts";
import "../qualification/register/task-meta.ts";
import type { CollectedResult } from "./collected-results.ts";
import { renderFinalReport } from "./render-final-report.ts";
import { makeRunSection } from "./run-section.ts";

export const FINAL_FILE = "final.json";
export const PARTIAL_FILE = "final.partial.json";

/** Collects every generated test's verdict, then renders and writes the machine outputs once per run. */
export default class QualificationReporter implements Reporter {
  private startedAt = new Date();
  private vitest: Vitest | null = null;

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  onTestRunStart(): void {
    this.startedAt = new Date();
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const outDir = resolveOptions().outDir;
    const inventoryPath = join(outDir, INVENTORY_FILE);
    const evidencePath = join(outDir, EVIDENCE_FILE);
    if (!existsSync(inventoryPath) || !existsSync(evidencePath)) {
      this.log(`qualification: no ${INVENTORY_FILE}/${EVIDENCE_FILE} in ${outDir}; the qualification file did not complete, so ${FINAL_FILE} was not written`);
      return;
    }
    const results: CollectedResult[] = [];
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const meta = test.meta().qualification;
        if (!meta) continue;
        results.push({ ...meta, state: test.result().state });
      }
    }
    const inventory = JSON.parse(readFileSync(inventoryPath, "utf8")) as PluginInventory;
    const evidence = JSON.parse(readFileSync(evidencePath, "utf8")) as RunEvidence;
    const final = renderFinalReport({ inventory, evidence, results, run: makeRunSection(this.startedAt, new Date()) });
    const planned = final.summary.tests_emitted + Object.keys(final.run_checks).length;
    const ranAll = results.filter((r) => r.state !== "pending").length === planned && Object.keys(final.run_checks).length > 0;
    mkdirSync(outDir, { recursive: true });
    // A filtered run (-t, watch) must not overwrite the last complete verdict with a partial one.
    const file = ranAll ? FINAL_FILE : PARTIAL_FILE;
    writeFileSync(join(outDir, file), stableJson(final));
    if (ranAll) rmSync(join(outDir, PARTIAL_FILE), { force: true });
    const s = final.summary;
    this.log(
      `qualification: ${final.ok ? "OK" : "NOT OK"} — ${s.qualified}/${s.plugins_total - s.deprecated} plugins qualified, ${s.deprecated} deprecated, ${s.unresolved} unresolved; ${join(outDir, file)}`,
    );
  }

  private log(line: string): void {
    (this.vitest?.logger ?? console).log(line);
  }
}
