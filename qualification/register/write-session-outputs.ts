import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stableJson } from "../shared/canonical/canonical-json.ts";
import { writeQueryOutputs } from "../outputs/report/write-query-outputs.ts";
import type { QualificationSession } from "../session/qualification-session.ts";

export const INVENTORY_FILE = "inventory.json";
export const EVIDENCE_FILE = "evidence.json";

/** Written by the test worker; the reporter reads them in the main process to build final.json and the bundle. */
export async function writeSessionOutputs(session: QualificationSession): Promise<void> {
  const out = session.options.outDir;
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, INVENTORY_FILE), stableJson(session.inventory));
  const evidence = await session.runEvidence();
  writeFileSync(join(out, EVIDENCE_FILE), stableJson(evidence));
  // queries.json, db_health.json, strict_matrix.json, telemetry.json/.prom (telemetry on every run).
  writeQueryOutputs(out, {
    queries: await session.queries.tierEvidence(),
    evidence,
    pluginVerdicts: await session.judgedVerdicts(),
    runVerdicts: await session.runVerdicts(),
  });
}
