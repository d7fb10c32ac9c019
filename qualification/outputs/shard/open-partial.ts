import { resolve } from "node:path";
import { RunSection } from "../../../contracts/final-report.ts";
import {
  DsseEnvelope,
  QualificationStatement,
  type ShardRef,
  type VerifyReport,
} from "../../../contracts/proof-bundle.ts";
import { sha256Hex } from "../../shared/canonical/canonical-json.ts";
import {
  ENVELOPE_FILE,
  INVENTORY_FILE,
  OPTIONAL_FILES,
  RUN_FILE,
  SHARDS_FILE,
  STATEMENT_FILE,
} from "../proof/bundle-layout.ts";
import { readJsonDocuments, validateDocuments, type BundleDocuments } from "../proof/verify/bundle-documents.ts";
import { readBundleDir } from "../proof/verify/read-bundle-dir.ts";
import { verifyBundle, type VerifyOptions } from "../proof/verify/verify-bundle.ts";

/** A partial bundle as merge sees it: its own verify report, and its contents when that report is OK. */
export interface OpenedPartial {
  readonly dir: string;
  readonly verify: VerifyReport;
  readonly shard: ShardRef | null;
  /** Present only when the partial verified (signature, subjects, its shard's completeness, re-judge). */
  readonly contents: PartialContents | null;
}

export interface PartialContents {
  readonly statement: QualificationStatement;
  readonly documents: BundleDocuments;
  readonly inventoryBytes: Buffer;
  readonly run: RunSection;
  /** The optional files it carries (determinism.json, telemetry.json, …), by name. */
  readonly extras: ReadonlyMap<string, Buffer>;
  /** sha256 of statement.json, the signed payload that pins every file of the partial. */
  readonly statementSha256: string;
  readonly keyids: readonly string[];
}

export type PartialVerifyOptions = Pick<VerifyOptions, "publicKeyText" | "allowUnsigned" | "cwd">;

/** Verifies one partial exactly as `pnpm qualify verify --partial` would, then reads what merge needs from it. */
export function openPartial(dir: string, options: PartialVerifyOptions): OpenedPartial {
  const path = resolve(options.cwd, dir);
  const verify = verifyBundle(path, { ...options, target: null, commit: null, partial: true });
  const bundle = readBundleDir(path);
  const statementBytes = bundle.files.get(STATEMENT_FILE);
  const statement = statementBytes ? QualificationStatement.safeParse(safeJson(statementBytes)) : null;
  const shard = statement?.success ? statement.data.predicate.shard : null;
  if (!verify.ok || !statement?.success) return { dir: path, verify, shard, contents: null };
  // Verified: every document is present, canonical and valid, so these reads cannot fail.
  const documents = validateDocuments(readJsonDocuments(bundle).values).documents!;
  const run = RunSection.parse(safeJson(bundle.files.get(RUN_FILE)!));
  const extras = new Map<string, Buffer>();
  for (const name of OPTIONAL_FILES) {
    const bytes = bundle.files.get(name);
    // shards.json describes a merge; a shard's own copy of one has no meaning in the next merge.
    if (bytes && name !== SHARDS_FILE) extras.set(name, bytes);
  }
  const keyids = DsseEnvelope.parse(safeJson(bundle.files.get(ENVELOPE_FILE)!)).signatures.map((s) => s.keyid);
  const contents = {
    statement: statement.data,
    documents,
    inventoryBytes: bundle.files.get(INVENTORY_FILE)!,
    run,
    extras,
    statementSha256: sha256Hex(statementBytes!),
    keyids,
  };
  return { dir: path, verify, shard, contents };
}

function safeJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString("utf8"));
  } catch {
    return null;
  }
}

/** `step=CODE` for each failed step of a verify report; ["OK"] when none failed. */
export function verifyCodes(report: VerifyReport): string[] {
  const failed = report.steps.filter((s) => s.status === "fail").map((s) => `${s.step}=${s.code}`);
  return failed.length > 0 ? failed : ["OK"];
}
