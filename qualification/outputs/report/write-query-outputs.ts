import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { RunEvidence } from "../../../contracts/evidence.ts";
import type { DbHealthReport } from "../../../contracts/query-run.ts";
import type { Verdict } from "../../../contracts/verdict.ts";
import { stableJson } from "../../shared/canonical/canonical-json.ts";
import { DB_HEALTH_FILE, QUERIES_FILE } from "../../query/query-output-files.ts";
import type { QueryTierEvidence } from "../../query/query-session.ts";
import { STRICT_MATRIX_FILE, strictMatrix } from "../../query/strict-matrix.ts";
import { storageHealthy } from "../../gather/storage/storage-health.ts";
import { buildTelemetry } from "../telemetry/build-telemetry.ts";
import { renderPrometheus, TELEMETRY_PROM_FILE } from "../telemetry/render-prometheus.ts";
import { TELEMETRY_FILE } from "../telemetry/strip-latency.ts";

export interface QueryOutputInputs {
  /** What the query tier gathered (the session's `QuerySession.tierEvidence()`): written, never gathered, here. */
  readonly queries: QueryTierEvidence;
  readonly evidence: Pick<RunEvidence, "plugins">;
  readonly pluginVerdicts: ReadonlyMap<string, Readonly<Record<string, Verdict>>>;
  readonly runVerdicts: Readonly<Record<string, Verdict>> | null;
}

/**
 * The query tier's files in QUALIFY_OUT. telemetry.json and telemetry.prom are written on every run, pass or
 * fail, filtered or not. queries.json, db_health.json and strict_matrix.json are written when the query run
 * happened, and removed otherwise so a later reader never mistakes an earlier run's for this one's.
 */
export function writeQueryOutputs(outDir: string, inputs: QueryOutputInputs): void {
  mkdirSync(outDir, { recursive: true });
  const { outcome, services } = inputs.queries;
  if (outcome) {
    const { run } = outcome;
    const dbHealth: DbHealthReport = {
      schema_version: 1,
      corpus: run.corpus,
      healthy: storageHealthy(run.storage),
      databases: run.storage,
    };
    writeFileSync(join(outDir, QUERIES_FILE), stableJson(run));
    writeFileSync(join(outDir, DB_HEALTH_FILE), stableJson(dbHealth));
    writeFileSync(join(outDir, STRICT_MATRIX_FILE), stableJson(strictMatrix(run)));
  } else
    for (const name of [QUERIES_FILE, DB_HEALTH_FILE, STRICT_MATRIX_FILE]) rmSync(join(outDir, name), { force: true });
  const telemetry = buildTelemetry({
    services,
    query: outcome,
    evidence: inputs.evidence,
    pluginVerdicts: inputs.pluginVerdicts,
    runVerdicts: inputs.runVerdicts,
  });
  writeFileSync(join(outDir, TELEMETRY_FILE), stableJson(telemetry));
  writeFileSync(join(outDir, TELEMETRY_PROM_FILE), renderPrometheus(telemetry));
}
