import type { RunEvidence } from "../../../contracts/evidence.ts";
import type { FinalReport } from "../../../contracts/final-report.ts";
import {
  COMMIT_SUBJECT,
  IN_TOTO_STATEMENT_TYPE,
  QUALIFICATION_PREDICATE_TYPE,
  type BundleVersions,
  type QualificationStatement,
  type ShardRef,
} from "../../../contracts/proof-bundle.ts";
import { compareCodePoints, sha256Hex, stableJson } from "../../shared/canonical/canonical-json.ts";
import {
  ENVELOPE_FILE,
  EVIDENCE_FILE,
  INVENTORY_FILE,
  NONDETERMINISTIC_FILES,
  OPTIONAL_FILES,
  RUN_FILE,
  STATEMENT_FILE,
  VERDICTS_FILE,
  VERSIONS_FILE,
} from "./bundle-layout.ts";
import { sealEnvelope } from "./dsse.ts";
import type { Signer } from "./ed25519-keys.ts";

export interface BundleFile {
  readonly name: string;
  readonly bytes: Buffer;
}

export interface BundleInput {
  readonly final: FinalReport;
  /** The exact bytes of QUALIFY_OUT/inventory.json and evidence.json (copied, never re-serialised). */
  readonly inventoryBytes: Uint8Array;
  readonly evidenceBytes: Uint8Array;
  /** Only the lockfile digest is read from the evidence. */
  readonly evidence: Pick<RunEvidence, "lockfile">;
  readonly toolVersion: string;
  readonly nodeVersion: string;
  /** Optional extra files (determinism.json, …) by name; names outside OPTIONAL_FILES are a bug. */
  readonly extras?: ReadonlyMap<string, Uint8Array>;
  /** Set for a shard run's partial bundle: `final` then holds only that shard's plugins (see shardView). */
  readonly shard?: ShardRef | null;
}

const text = (name: string, value: unknown): BundleFile => ({ name, bytes: Buffer.from(stableJson(value), "utf8") });

/** The subject files: pure, sorted by name. */
function bundleSubjects(input: BundleInput): BundleFile[] {
  const { run, ...verdicts } = input.final;
  const versions: BundleVersions = {
    schema_version: 1,
    tool_version: input.toolVersion,
    node_version: input.nodeVersion,
    platform: input.final.platform,
    target: input.final.target,
  };
  const files: BundleFile[] = [
    { name: INVENTORY_FILE, bytes: Buffer.from(input.inventoryBytes) },
    { name: EVIDENCE_FILE, bytes: Buffer.from(input.evidenceBytes) },
    text(VERDICTS_FILE, verdicts),
    text(RUN_FILE, run),
    text(VERSIONS_FILE, versions),
  ];
  for (const [name, bytes] of input.extras ?? []) {
    if (!(OPTIONAL_FILES as readonly string[]).includes(name))
      throw new Error(`internal: ${name} is not an optional proof bundle file`);
    files.push({ name, bytes: Buffer.from(bytes) });
  }
  return files.sort((a, b) => compareCodePoints(a.name, b.name));
}

function buildStatement(input: BundleInput, subjects: readonly BundleFile[], signed: boolean): QualificationStatement {
  const final = input.final;
  return {
    _type: IN_TOTO_STATEMENT_TYPE,
    subject: [
      ...subjects.map((file) => ({ name: file.name, digest: { sha256: sha256Hex(file.bytes) } })),
      ...(final.target.commit ? [{ name: COMMIT_SUBJECT, digest: { gitCommit: final.target.commit } } as const] : []),
    ],
    predicateType: QUALIFICATION_PREDICATE_TYPE,
    predicate: {
      schema_version: 1,
      shard: input.shard ?? null,
      ok: final.ok,
      signed,
      summary: final.summary,
      tests_emitted: final.summary.tests_emitted,
      inventory_sha256: final.inventory_sha256,
      lockfile_sha256: input.evidence.lockfile.sha256,
      target: final.target,
      platform: final.platform,
      nondeterministic_files: NONDETERMINISTIC_FILES.filter((name) => subjects.some((file) => file.name === name)),
    },
  };
}

/** Every file of the bundle, sealed: subjects, the statement, and the DSSE envelope (signed when a signer is given). */
export function buildBundle(input: BundleInput, signer: Signer | null): BundleFile[] {
  const subjects = bundleSubjects(input);
  const payload = Buffer.from(stableJson(buildStatement(input, subjects, signer !== null)), "utf8");
  const envelope = sealEnvelope(payload, signer);
  return [...subjects, { name: STATEMENT_FILE, bytes: payload }, text(ENVELOPE_FILE, envelope)].sort((a, b) =>
    compareCodePoints(a.name, b.name),
  );
}
