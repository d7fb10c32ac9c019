import { z } from "zod";
import { RunEvidence } from "../../../../contracts/evidence.ts";
import { FinalReport } from "../../../../contracts/final-report.ts";
import { PluginInventory } from "../../../../contracts/plugin-inventory.ts";
import { DeterminismReport } from "../../../../contracts/determinism.ts";
import { BundleVersions, ShardProvenance, type VerifyProblem } from "../../../../contracts/proof-bundle.ts";
import { DbHealthReport, StrictMatrix } from "../../../../contracts/query-run.ts";
import { BundleTelemetry } from "../../../../contracts/telemetry.ts";
import {
  EVIDENCE_FILE,
  INVENTORY_FILE,
  SHARDS_FILE,
  VERDICTS_FILE,
  VERSIONS_FILE,
  type OPTIONAL_FILES,
} from "../bundle-layout.ts";
import { issueList, parseCanonicalJson } from "./canonical-bytes.ts";
import type { BundleDir } from "./read-bundle-dir.ts";
import { problem } from "./step-result.ts";

export const Verdicts = FinalReport.omit({ run: true });
export type Verdicts = z.infer<typeof Verdicts>;

/** The bundle's JSON documents, validated against their contracts. */
export interface BundleDocuments {
  readonly inventory: PluginInventory;
  readonly evidence: RunEvidence;
  readonly verdicts: Verdicts;
  readonly versions: BundleVersions;
}

const SCHEMAS = {
  [INVENTORY_FILE]: PluginInventory,
  [EVIDENCE_FILE]: RunEvidence,
  [VERDICTS_FILE]: Verdicts,
  [VERSIONS_FILE]: BundleVersions,
} as const;
type DocumentFile = keyof typeof SCHEMAS;

/** Each document's JSON value (canonical bytes required), or the problem that stopped it. */
export function readJsonDocuments(bundle: BundleDir): {
  values: Map<DocumentFile, unknown>;
  problems: VerifyProblem[];
} {
  const values = new Map<DocumentFile, unknown>();
  const problems: VerifyProblem[] = [];
  for (const file of Object.keys(SCHEMAS) as DocumentFile[]) {
    const bytes = bundle.files.get(file);
    if (!bytes) {
      problems.push(problem("FILE_INVALID", file, `${file} is missing`));
      continue;
    }
    const parsed = parseCanonicalJson(bytes);
    if (parsed.ok) values.set(file, parsed.value);
    else problems.push(problem("FILE_INVALID", file, `${file}: ${parsed.detail}`));
  }
  return { values, problems };
}

/** Validates every document against its contract; null with the problems when any does not conform. */
export function validateDocuments(values: ReadonlyMap<DocumentFile, unknown>): {
  documents: BundleDocuments | null;
  problems: VerifyProblem[];
} {
  const problems: VerifyProblem[] = [];
  const out = new Map<DocumentFile, unknown>();
  for (const [file, schema] of Object.entries(SCHEMAS) as [DocumentFile, z.ZodType][]) {
    if (!values.has(file)) continue;
    const result = schema.safeParse(values.get(file));
    if (result.success) out.set(file, result.data);
    else
      problems.push(
        problem("FILE_INVALID", file, `${file} does not match its contract: ${issueList(result.error.issues)}`),
      );
  }
  if (problems.length > 0 || out.size !== Object.keys(SCHEMAS).length) return { documents: null, problems };
  return {
    documents: {
      inventory: out.get(INVENTORY_FILE) as PluginInventory,
      evidence: out.get(EVIDENCE_FILE) as RunEvidence,
      verdicts: out.get(VERDICTS_FILE) as Verdicts,
      versions: out.get(VERSIONS_FILE) as BundleVersions,
    },
    problems,
  };
}

/** The optional files' contracts; queries.json is not here because rejudge parses and re-judges it. */
const OPTIONAL_CONTRACTS: Readonly<Record<Exclude<(typeof OPTIONAL_FILES)[number], "queries.json">, z.ZodType>> = {
  "db_health.json": DbHealthReport,
  "determinism.json": DeterminismReport,
  [SHARDS_FILE]: ShardProvenance,
  "strict_matrix.json": StrictMatrix,
  "telemetry.json": BundleTelemetry,
};

/** Every optional file the bundle carries must be JSON matching its contract: a signed digest of junk is still junk. */
export function optionalFileProblems(bundle: BundleDir): VerifyProblem[] {
  const problems: VerifyProblem[] = [];
  for (const [file, schema] of Object.entries(OPTIONAL_CONTRACTS)) {
    const bytes = bundle.files.get(file);
    if (!bytes) continue;
    let value: unknown;
    try {
      value = JSON.parse(Buffer.from(bytes).toString("utf8"));
    } catch (error) {
      problems.push(problem("FILE_INVALID", file, `${file}: not JSON: ${(error as Error).message}`));
      continue;
    }
    const result = schema.safeParse(value);
    if (!result.success)
      problems.push(
        problem("FILE_INVALID", file, `${file} does not match its contract: ${issueList(result.error.issues)}`),
      );
  }
  return problems;
}
