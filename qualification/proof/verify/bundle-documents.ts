import { z } from "zod";
import { RunEvidence } from "../../../contracts/evidence.ts";
import { FinalReport } from "../../../contracts/final-report.ts";
import { PluginInventory } from "../../../contracts/plugin-inventory.ts";
import { BundleVersions, type VerifyProblem } from "../../../contracts/proof-bundle.ts";
import { EVIDENCE_FILE, INVENTORY_FILE, VERDICTS_FILE, VERSIONS_FILE } from "../bundle-layout.ts";
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

const SCHEMAS = { [INVENTORY_FILE]: PluginInventory, [EVIDENCE_FILE]: RunEvidence, [VERDICTS_FILE]: Verdicts, [VERSIONS_FILE]: BundleVersions } as const;
type DocumentFile = keyof typeof SCHEMAS;

/** Each document's JSON value (canonical bytes required), or the problem that stopped it. */
export function readJsonDocuments(bundle: BundleDir): { values: Map<DocumentFile, unknown>; problems: VerifyProblem[] } {
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
export function validateDocuments(values: ReadonlyMap<DocumentFile, unknown>): { documents: BundleDocuments | null; problems: VerifyProblem[] } {
  const problems: VerifyProblem[] = [];
  const out = new Map<DocumentFile, unknown>();
  for (const [file, schema] of Object.entries(SCHEMAS) as [DocumentFile, z.ZodType][]) {
    if (!values.has(file)) continue;
    const result = schema.safeParse(values.get(file));
    if (result.success) out.set(file, result.data);
    else problems.push(problem("FILE_INVALID", file, `${file} does not match its contract: ${issueList(result.error.issues)}`));
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
