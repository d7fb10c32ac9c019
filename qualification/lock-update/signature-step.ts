import { createHash } from "node:crypto";
import { accessSync, constants, lstatSync } from "node:fs";
import { dirname } from "node:path";
import { KeyringError, readKeyring } from "../adapters/autocapture-nx/lock/index.ts";
import { serializeSignatureFile, signLockfile } from "../adapters/autocapture-nx/lock/index.ts";
import type { SecretKey } from "../adapters/autocapture-nx/lock/index.ts";
import { readOptionalFile } from "../writers/safe-paths.ts";
import { replaceFile } from "../writers/replace-file.ts";
import { WriteRefusal } from "../writers/write-refusal.ts";
import type { LockPaths } from "./lock-paths.ts";

/** What happens to the lock signature (`autocapture_nx/plugin_system/lock_signing.py` `sign_lockfile`): never written unless one existed or was asked for. */
export type SignaturePlan =
  | { readonly action: "none" }
  | { readonly action: "keep" }
  | { readonly action: "write"; readonly keyId: string; readonly key: SecretKey };

/** The signature as reported: its file, what was (or would be) done, and the anchor key id — never key material. */
export interface SignatureOutcome {
  readonly path: string;
  readonly action: SignaturePlan["action"];
  readonly key_id: string | null;
}

/**
 * Decides before anything is written. A lockfile that carries a signature is re-signed with the keyring's
 * active `anchor` key; without a usable key the writer refuses, because changing the lockfile would leave a
 * signature that no longer matches (the registry then refuses to load anything when signatures are enforced).
 * Without a key, an existing signature that already covers the new bytes is kept: it still verifies.
 */
export function planSignature(
  paths: LockPaths,
  newLockBytes: Uint8Array,
  lockChanges: boolean,
  forced: boolean,
): SignaturePlan {
  const existing = readOptionalFile(paths.signature, paths.signatureDisplay, "SIGNATURE_SYMLINK");
  if (existing === null && !paths.signatureRequested && !forced) return { action: "none" };
  if (!forced && (!lockChanges || (paths.keyring === null && existing !== null && coversBytes(existing, newLockBytes))))
    return { action: "keep" };
  if (paths.keyring === null)
    throw new WriteRefusal(
      "SIGNATURE_KEY_UNAVAILABLE",
      `${paths.signatureDisplay} must be (re)written and no keyring was given: pass --keyring <keyring.json> or set QUALIFY_KEYRING`,
      paths.signatureDisplay,
    );
  const keyring = readKeyring(paths.keyring);
  if (keyring instanceof KeyringError)
    throw new WriteRefusal("SIGNATURE_KEY_UNAVAILABLE", `keyring unusable: ${keyring.message}`, paths.keyring);
  const active = keyring.activeKey("anchor");
  if (!active.ok)
    throw new WriteRefusal("SIGNATURE_KEY_UNAVAILABLE", `no usable anchor key: ${active.reason}`, paths.keyring);
  assertSignatureWritable(paths);
  return { action: "write", keyId: active.key_id, key: active.key };
}

/** The existing signature already names these bytes (e.g. a rollback to the state it was made for). */
function coversBytes(signatureBytes: Buffer, lockBytes: Uint8Array): boolean {
  try {
    const claimed = (JSON.parse(signatureBytes.toString("utf8")) as { lockfile_sha256?: unknown }).lockfile_sha256;
    return claimed === createHash("sha256").update(lockBytes).digest("hex");
  } catch {
    return false;
  }
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

/** Writes the signature file as `sign_lockfile` does (sorted keys, indent 2) over the lockfile's raw bytes. */
export function applySignature(paths: LockPaths, plan: SignaturePlan, lockBytes: Uint8Array): SignatureOutcome {
  if (plan.action === "write")
    replaceFile(paths.signature, serializeSignatureFile(signLockfile(lockBytes, plan.key, plan.keyId)));
  return describeSignature(paths, plan);
}

export function describeSignature(paths: LockPaths, plan: SignaturePlan): SignatureOutcome {
  return { path: paths.signatureDisplay, action: plan.action, key_id: plan.action === "write" ? plan.keyId : null };
}
