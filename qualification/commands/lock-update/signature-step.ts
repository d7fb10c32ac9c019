import { accessSync, constants, lstatSync } from "node:fs";
import { dirname } from "node:path";
import type { LockPort, LockSigner } from "../../gather/adapters/lock-port.ts";
import { readOptionalFile } from "../writers/safe-paths.ts";
import { replaceFile } from "../writers/replace-file.ts";
import { WriteRefusal } from "../writers/write-refusal.ts";
import type { LockPaths } from "./lock-paths.ts";

/** What happens to the lock signature: never written unless one existed or was asked for. */
export type SignaturePlan =
  { readonly action: "none" } | { readonly action: "keep" } | { readonly action: "write"; readonly signer: LockSigner };

/** The signature as reported: its file, what was (or would be) done, and the anchor key id — never key material. */
export interface SignatureOutcome {
  readonly path: string;
  readonly action: SignaturePlan["action"];
  readonly key_id: string | null;
}

/**
 * Decides before anything is written. A lockfile that carries a signature is re-signed with the keyring's
 * signing key (the port's signer, which refuses a keyring without a usable one); without a key the writer
 * refuses, because changing the lockfile would leave a signature that no longer matches (the registry then
 * refuses to load anything when signatures are enforced). Without a key, an existing signature that already
 * covers the new bytes is kept: it still verifies.
 */
export function planSignature(
  lock: LockPort,
  paths: LockPaths,
  newLockBytes: Uint8Array,
  lockChanges: boolean,
  forced: boolean,
): SignaturePlan {
  const existing = readOptionalFile(paths.signature, paths.signatureDisplay, "SIGNATURE_SYMLINK");
  if (existing === null && !paths.signatureRequested && !forced) return { action: "none" };
  if (
    !forced &&
    (!lockChanges || (paths.keyring === null && existing !== null && lock.signatureCovers(existing, newLockBytes)))
  )
    return { action: "keep" };
  if (paths.keyring === null)
    throw new WriteRefusal(
      "SIGNATURE_KEY_UNAVAILABLE",
      `${paths.signatureDisplay} must be (re)written and no keyring was given: pass --keyring <keyring.json> or set QUALIFY_KEYRING`,
      paths.signatureDisplay,
    );
  const signer = lock.signer(paths.keyring);
  assertSignatureWritable(paths);
  return { action: "write", signer };
}

function assertSignatureWritable(paths: LockPaths): void {
  const dir = dirname(paths.signature);
  try {
    const stat = lstatSync(dir);
    if (!stat.isDirectory()) throw new Error("ENOTDIR");
    accessSync(dir, constants.W_OK);
  } catch {
    throw new WriteRefusal(
      "SIGNATURE_NOT_WRITABLE",
      `the directory of ${paths.signatureDisplay} does not exist or is not writable`,
      paths.signatureDisplay,
    );
  }
}

/** Writes the signature file as the platform's signer does, over the lockfile's raw bytes. */
export function applySignature(paths: LockPaths, plan: SignaturePlan, lockBytes: Uint8Array): SignatureOutcome {
  if (plan.action === "write") replaceFile(paths.signature, plan.signer.sign(lockBytes));
  return describeSignature(paths, plan);
}

export function describeSignature(paths: LockPaths, plan: SignaturePlan): SignatureOutcome {
  return {
    path: paths.signatureDisplay,
    action: plan.action,
    key_id: plan.action === "write" ? plan.signer.keyId : null,
  };
}
