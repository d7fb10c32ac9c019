import type { z } from "zod";
import { DeprecationManifest } from "./deprecation-manifest.ts";
import { DeterminismReport } from "./determinism.ts";
import { RunEvidence } from "./evidence.ts";
import { FidelityReport } from "./fidelity.ts";
import { StrengthReport } from "./probe-strength.ts";
import { FinalReport } from "./final-report.ts";
import { PluginInventory } from "./plugin-inventory.ts";
import {
  BundleVersions,
  DsseEnvelope,
  MergeReport,
  QualificationStatement,
  ShardProvenance,
  VerifyReport,
} from "./proof-bundle.ts";
import { CapabilityContract, ProbeSpec } from "./probe-spec.ts";
import { ExpectedAnswers } from "./expected-answers.ts";
import { DbHealthReport, QueryRun, StrictMatrix } from "./query-run.ts";
import { BundleTelemetry, Telemetry } from "./telemetry.ts";

/** Every contract with a committed JSON Schema (`<file>.schema.json`) and generated types (`generated/<file>.d.ts`). */
export const CONTRACTS: ReadonlyArray<{ file: string; title: string; schema: z.ZodType }> = [
  { file: "plugin_inventory_contract", title: "PluginInventory", schema: PluginInventory },
  { file: "final_report", title: "FinalReport", schema: FinalReport },
  { file: "run_evidence", title: "RunEvidence", schema: RunEvidence },
  { file: "deprecation_manifest", title: "DeprecationManifest", schema: DeprecationManifest },
  { file: "probe_spec", title: "ProbeSpec", schema: ProbeSpec },
  { file: "capability_contract", title: "CapabilityContract", schema: CapabilityContract },
  { file: "proof_statement", title: "QualificationStatement", schema: QualificationStatement },
  { file: "proof_envelope", title: "DsseEnvelope", schema: DsseEnvelope },
  { file: "proof_versions", title: "BundleVersions", schema: BundleVersions },
  { file: "verify_report", title: "VerifyReport", schema: VerifyReport },
  { file: "merge_report", title: "MergeReport", schema: MergeReport },
  { file: "shard_provenance", title: "ShardProvenance", schema: ShardProvenance },
  { file: "determinism_report", title: "DeterminismReport", schema: DeterminismReport },
  { file: "expected_answers", title: "ExpectedAnswers", schema: ExpectedAnswers },
  { file: "query_run", title: "QueryRun", schema: QueryRun },
  { file: "db_health", title: "DbHealthReport", schema: DbHealthReport },
  { file: "strict_matrix", title: "StrictMatrix", schema: StrictMatrix },
  { file: "telemetry", title: "Telemetry", schema: Telemetry },
  { file: "telemetry_bundle", title: "BundleTelemetry", schema: BundleTelemetry },
  { file: "fidelity_report", title: "FidelityReport", schema: FidelityReport },
  { file: "probe_strength", title: "StrengthReport", schema: StrengthReport },
];
