import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { RunEvidence } from "../../../contracts/evidence.ts";
import type { FinalReport } from "../../../contracts/final-report.ts";
import type { ShardRef } from "../../../contracts/proof-bundle.ts";
import { bundleCopyOf } from "../telemetry/strip-latency.ts";
import {
  ENVELOPE_FILE,
  EVIDENCE_FILE,
  INVENTORY_FILE,
  OPTIONAL_FILES,
  PROOF_DIR,
  shardProofDir,
} from "./bundle-layout.ts";
import { buildBundle, type BundleFile } from "./build-bundle.ts";
import type { Signer } from "./ed25519-keys.ts";

/** Replaces `dir` with exactly these files: a leftover from an earlier bundle would be an unlisted file. */
export function writeBundle(dir: string, files: readonly BundleFile[]): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const file of files) writeFileSync(join(dir, file.name), file.bytes);
}

export interface ProofOptions {
  readonly signer: Signer | null;
  readonly toolVersion: string;
  readonly nodeVersion: string;
  /** A shard run: `final` holds that shard's plugins, and the bundle is a partial one in `proof-shard-i-of-n/`. */
  readonly shard?: ShardRef | null;
}

/**
 * After a complete run: QUALIFY_OUT/{inventory,evidence}.json (+ optional files present there) and final.json's
 * content → QUALIFY_OUT/proof/ (a shard run: QUALIFY_OUT/proof-shard-i-of-n/). Returns the bundle directory.
 */
export function writeProofBundle(outDir: string, final: FinalReport, options: ProofOptions): string {
  const inventoryBytes = readFileSync(join(outDir, INVENTORY_FILE));
  const evidenceBytes = readFileSync(join(outDir, EVIDENCE_FILE));
  const evidence = JSON.parse(evidenceBytes.toString("utf8")) as RunEvidence;
  const extras = new Map<string, Uint8Array>();
  for (const name of OPTIONAL_FILES)
    if (existsSync(join(outDir, name))) extras.set(name, bundleCopyOf(name, readFileSync(join(outDir, name))));
  const shard = options.shard ?? null;
  const files = buildBundle(
    {
      final,
      inventoryBytes,
      evidenceBytes,
      evidence,
      toolVersion: options.toolVersion,
      nodeVersion: options.nodeVersion,
      extras,
      shard,
    },
    options.signer,
  );
  const dir = join(outDir, shard ? shardProofDir(shard) : PROOF_DIR);
  writeBundle(dir, files);
  // The same envelope in the `.intoto.jsonl` form in-toto tooling reads (one DSSE envelope per line), beside
  // the bundle: the file to hand to an attestation store or a verifier that expects that form.
  const envelope = files.find((f) => f.name === ENVELOPE_FILE);
  if (envelope)
    writeFileSync(
      `${dir}.intoto.jsonl`,
      `${JSON.stringify(JSON.parse(Buffer.from(envelope.bytes).toString("utf8")))}\n`,
    );
  return dir;
}
