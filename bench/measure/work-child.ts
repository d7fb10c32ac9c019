/**
 * What `test:qualify` does, without Vitest: one `qualifyAll` of the target in QUALIFY_* (the same session,
 * evidence gathering and judging the generated tests await), then the same outputs its reporter writes
 * (inventory.json, evidence.json, final.json, report.md, junit.xml, the proof bundle), through the same
 * functions. Run as its own process by the benchmark so its CPU time, Python included, is measured exactly
 * like test:qualify's; the difference is what Vitest and the generated tests cost.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { renderFinalReport } from "../../qualification/outputs/report/render-final-report.ts";
import { resultsFromOutcome } from "../../qualification/outputs/report/results-from-outcome.ts";
import { makeRunSection } from "../../qualification/outputs/report/run-section.ts";
import { SUITE_TOOL_VERSION } from "../../qualification/shared/options/suite-version.ts";
import { writeReportFiles } from "../../reporters/write-report-files.ts";
import { stableJson } from "../../qualification/shared/canonical/canonical-json.ts";
import { resolveOptions } from "../../qualification/shared/options/resolve-options.ts";
import { writeProofBundle } from "../../qualification/outputs/proof/write-proof-bundle.ts";
import { EVIDENCE_FILE, INVENTORY_FILE } from "../../qualification/register/write-session-outputs.ts";
import { qualifyAll } from "../../qualification/session/qualify-all.ts";

const started = new Date();
const options = resolveOptions();
const outcome = await qualifyAll(options);
mkdirSync(options.outDir, { recursive: true });
writeFileSync(join(options.outDir, INVENTORY_FILE), stableJson(outcome.inventory));
writeFileSync(join(options.outDir, EVIDENCE_FILE), stableJson(outcome.evidence));
const final = renderFinalReport({
  inventory: outcome.inventory,
  evidence: outcome.evidence,
  results: resultsFromOutcome(outcome),
  run: makeRunSection(started, new Date()),
});
writeReportFiles(options.outDir, final, null);
writeProofBundle(options.outDir, final, {
  signer: null,
  toolVersion: SUITE_TOOL_VERSION,
  nodeVersion: process.version,
});
process.stdout.write(`qualified ${outcome.verdicts.size} plugins: ${final.summary.qualified} pass\n`);
