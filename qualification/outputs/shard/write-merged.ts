import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { FinalReport } from "../../../contracts/final-report.ts";
import type { VerifyReport } from "../../../contracts/proof-bundle.ts";
import { stableJson } from "../../shared/canonical/canonical-json.ts";
import { EVIDENCE_FILE, INVENTORY_FILE, PROOF_DIR } from "../proof/bundle-layout.ts";
import { buildBundle } from "../proof/build-bundle.ts";
import { publicKeyText, type Signer } from "../proof/ed25519-keys.ts";
import { verifyBundle } from "../proof/verify/verify-bundle.ts";
import { writeBundle } from "../proof/write-proof-bundle.ts";
import type { MergedQualification } from "./merge-partials.ts";

export interface MergedOutputs {
  readonly signer: Signer | null;
  readonly toolVersion: string;
  readonly nodeVersion: string;
  /**
   * Writes the report files rendered from the merged final.json (the reporters' formats); called only once the bundle
   * verifies.
   */
  readonly writeReports: (outDir: string, final: FinalReport) => void;
}

/**
 * Writes the complete bundle into `outDir/proof/` (signed when a key is configured) and verifies it like any
 * other bundle. Only when it verifies are the rest of a complete run's outputs written: inventory.json,
 * evidence.json, final.json, report.md, junit.xml (and the step summary). A merged bundle that does not verify
 * is a bug; it is removed, so no verdict is left behind that nothing backs.
 */
export function writeMerged(
  outDir: string,
  merged: MergedQualification,
  outputs: MergedOutputs,
): { proofDir: string; verify: VerifyReport } {
  const evidenceBytes = Buffer.from(stableJson(merged.evidence), "utf8");
  const files = buildBundle(
    {
      final: merged.final,
      inventoryBytes: merged.inventoryBytes,
      evidenceBytes,
      evidence: merged.evidence,
      toolVersion: outputs.toolVersion,
      nodeVersion: outputs.nodeVersion,
      extras: merged.extras,
      shard: null,
    },
    outputs.signer,
  );
  const proofDir = join(outDir, PROOF_DIR);
  mkdirSync(outDir, { recursive: true });
  writeBundle(proofDir, files);
  const verify = verifyBundle(proofDir, {
    publicKeyText: outputs.signer ? publicKeyText(outputs.signer.publicKey) : null,
    allowUnsigned: outputs.signer === null,
    target: null,
    commit: null,
    cwd: "/",
  });
  if (!verify.ok) {
    rmSync(proofDir, { recursive: true, force: true });
    return { proofDir, verify };
  }
  writeFileSync(join(outDir, INVENTORY_FILE), merged.inventoryBytes);
  writeFileSync(join(outDir, EVIDENCE_FILE), evidenceBytes);
  outputs.writeReports(outDir, merged.final);
  return { proofDir, verify };
}
