import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DsseEnvelope, QualificationStatement } from "../../../../contracts/proof-bundle.ts";
import type { FinalReport } from "../../../../contracts/final-report.ts";
import { sha256Hex, stableJson } from "../../../shared/canonical/canonical-json.ts";
import { ENVELOPE_FILE, STATEMENT_FILE } from "../bundle-layout.ts";
import { buildBundle, type BundleFile, type BundleInput } from "../build-bundle.ts";
import { sealEnvelope } from "../dsse.ts";
import { signerFromSecretKeyText, type Signer } from "../ed25519-keys.ts";
import { decodeBase64Strict } from "../strict-base64.ts";
import { writeBundle } from "../write-proof-bundle.ts";
import { sampleRun, type SampleRun } from "./sample-run.ts";

/** A fixed test key (RFC 8032 §7.1 test 1 seed), so signed test bundles are byte-stable. */
export const TEST_SEED_BASE64 = Buffer.from(
  "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
  "hex",
).toString("base64");
export const testSigner = (): Signer => signerFromSecretKeyText(TEST_SEED_BASE64, "test key");
export const testPublicKeyText = (): string => `${Buffer.from(testSigner().publicKey).toString("base64")}\n`;

export function bundleInput(run: SampleRun = sampleRun(), overrides: Partial<BundleInput> = {}): BundleInput {
  return {
    final: run.final,
    inventoryBytes: Buffer.from(stableJson(run.inventory)),
    evidenceBytes: Buffer.from(stableJson(run.evidence)),
    evidence: run.evidence,
    toolVersion: "plugin-qualification-suite@0.1.0",
    nodeVersion: "v20.0.0",
    ...overrides,
  };
}

/** Writes a bundle of the sample run (or of `final`) into `dir`; signed with the test key unless `signer: null`. */
export function writeSampleBundle(
  dir: string,
  options: { signer?: Signer | null; run?: SampleRun; final?: FinalReport } = {},
): BundleFile[] {
  const run = options.run ?? sampleRun();
  const files = buildBundle(
    bundleInput(options.final ? { ...run, final: options.final } : run),
    options.signer === undefined ? testSigner() : options.signer,
  );
  writeBundle(dir, files);
  return files;
}

export const readStatement = (dir: string): QualificationStatement =>
  QualificationStatement.parse(JSON.parse(readFileSync(join(dir, STATEMENT_FILE), "utf8")));
export const readEnvelope = (dir: string): DsseEnvelope =>
  DsseEnvelope.parse(JSON.parse(readFileSync(join(dir, ENVELOPE_FILE), "utf8")));

/**
 * A dishonest producer holding the key: rewrites a bundle file and/or the statement, then re-digests and re-signs,
 * so the signature and subjects pass and only the later steps can catch it.
 */
export function reseal(
  dir: string,
  edit: { file?: { name: string; bytes: Buffer }; statement?: (s: QualificationStatement) => void },
  signer: Signer | null = testSigner(),
): void {
  const statement = readStatement(dir);
  if (edit.file) {
    writeFileSync(join(dir, edit.file.name), edit.file.bytes);
    const subject = statement.subject.find((s) => s.name === edit.file!.name);
    if (subject && "sha256" in subject.digest) subject.digest.sha256 = sha256Hex(edit.file.bytes);
  }
  edit.statement?.(statement);
  const payload = Buffer.from(stableJson(statement));
  writeFileSync(join(dir, STATEMENT_FILE), payload);
  writeFileSync(join(dir, ENVELOPE_FILE), stableJson(sealEnvelope(payload, signer)));
}

export const decodePayload = (dir: string): Buffer => Buffer.from(decodeBase64Strict(readEnvelope(dir).payload)!);
