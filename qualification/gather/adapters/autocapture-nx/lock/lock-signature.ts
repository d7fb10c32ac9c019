import { createHash, createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { KeyringError, type KeySource } from "./keyring.ts";
import { pythonFloatRepr, pythonJsonDumps } from "../../../../shared/json/python-json-dumps.ts";
import { pythonStrip } from "../../../../shared/json/python-strip.ts";
import { SecretKey } from "./secret-key.ts";

/**
 * In the order `autocapture_nx/plugin_system/lock_signing.py` `verify_lockfile` tests them: the first that applies is
 * the result.
 */
export const SIGNATURE_RESULT_CODES = [
  "lockfile_missing",
  "signature_missing",
  "signature_invalid_json",
  "signature_invalid_shape",
  "signature_algo_unsupported",
  "lockfile_sha256_mismatch",
  "signature_missing_fields",
  "signature_key_unavailable",
  "signature_mismatch",
] as const;

/**
 * The nine `verify_lockfile` results, plus the registry's exception path (`registry.py` `load_lockfile`): when
 * `KeyRing.load` itself fails, or `hmac.compare_digest` raises on a non-ASCII signature, the platform reports
 * `plugin_locks signature verify failed: <ExcType>` instead of a result code.
 */
export type SignatureResultCode = (typeof SIGNATURE_RESULT_CODES)[number] | "signature_verify_failed";

export type LockSignatureVerification =
  | { readonly ok: true; readonly key_id: string; readonly lockfile_sha256: string }
  | {
      readonly ok: false;
      readonly code: SignatureResultCode;
      readonly platform_error: string;
      readonly detail: string;
    };

export interface SignatureFile {
  readonly algo: "hmac-sha256";
  readonly key_id: string;
  readonly lockfile_sha256: string;
  readonly schema_version: 1;
  readonly signature_hex: string;
}

export interface VerifyLockSignatureInput {
  /** Raw lockfile bytes (no newline normalisation, no canonical JSON); null when the file is absent. */
  readonly lockfileBytes: Uint8Array | null;
  /** Signature file content; bytes are decoded as strict UTF-8 like Python's `read_text`. Null when absent. */
  readonly signatureText: string | Uint8Array | null;
  /** Null when there is no keyring file: the platform would create a fresh one, which holds no signing key. */
  readonly keyring: KeySource | KeyringError | null;
}

const HKDF_SALT = "autocapture_nx";
const HKDF_INFO = "plugin_locks";

/** `derive_key(root, "plugin_locks")`: HKDF-SHA256, salt `autocapture_nx`, 32 bytes. */
export function derivePluginLocksKey(root: SecretKey | Uint8Array): SecretKey {
  const ikm = root instanceof SecretKey ? root.reveal() : root;
  return new SecretKey(Buffer.from(hkdfSync("sha256", ikm, HKDF_SALT, HKDF_INFO, 32)));
}

/** The MAC covers the 64-character ASCII hex digest, not the 32 digest bytes. */
function hmacHex(key: SecretKey, lockSha: string): string {
  return createHmac("sha256", key.reveal()).update(lockSha, "ascii").digest("hex");
}

export function signLockfile(lockBytes: Uint8Array, rootKey: SecretKey | Uint8Array, keyId: string): SignatureFile {
  const lockSha = createHash("sha256").update(lockBytes).digest("hex");
  return {
    algo: "hmac-sha256",
    key_id: keyId,
    lockfile_sha256: lockSha,
    schema_version: 1,
    signature_hex: hmacHex(derivePluginLocksKey(rootKey), lockSha),
  };
}

/** As `sign_lockfile` writes it: sorted keys, indent 2, no trailing newline. */
export function serializeSignatureFile(signature: SignatureFile): string {
  return pythonJsonDumps(signature, { indent: 2, sortKeys: true });
}

/** Python `str(value or "")` for JSON values; only strings can realistically match a key id or a hex digest. */
function pythonStrOrEmpty(value: unknown): string {
  if (value === undefined || value === null || value === false || value === 0 || value === "") return "";
  if (typeof value === "string") return value;
  if (value === true) return "True";
  if (typeof value === "number") return Number.isInteger(value) ? BigInt(value).toString() : pythonFloatRepr(value);
  if (Array.isArray(value) ? value.length === 0 : Object.keys(value as object).length === 0) return "";
  return pythonJsonDumps(value);
}

function decodeSignature(text: string | Uint8Array): string | null {
  if (typeof text === "string") return text;
  try {
    // ignoreBOM keeps a BOM in the text, so JSON parsing fails on it as Python's json.loads does.
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(text);
  } catch {
    return null;
  }
}

/** Python `lock_signing.verify_lockfile`, preceded by the registry's keyring load. */
export function verifyLockSignature(input: VerifyLockSignatureInput): LockSignatureVerification {
  const fail = (
    code: SignatureResultCode,
    detail: string,
    platformError = `plugin_locks signature invalid: ${code}`,
  ): LockSignatureVerification => ({ ok: false, code, platform_error: platformError, detail });
  const { keyring } = input;
  // The registry loads the keyring before it calls verify_lockfile, so a broken keyring file wins over every
  // result code (a missing one does not: KeyRing.load then creates a fresh keyring, which lacks the signing key).
  if (keyring instanceof KeyringError && keyring.code !== "KEYRING_MISSING") {
    return fail(
      "signature_verify_failed",
      `keyring unusable: ${keyring.message}`,
      `plugin_locks signature verify failed: ${keyring.pythonExceptionType}`,
    );
  }
  if (input.lockfileBytes === null) return fail("lockfile_missing", "the lockfile does not exist");
  if (input.signatureText === null) return fail("signature_missing", "the signature file does not exist");
  const text = decodeSignature(input.signatureText);
  let signature: unknown;
  try {
    if (text === null) throw new SyntaxError("not UTF-8");
    signature = JSON.parse(text);
  } catch {
    return fail("signature_invalid_json", "the signature file is not valid UTF-8 JSON");
  }
  if (signature === null || typeof signature !== "object" || Array.isArray(signature))
    return fail("signature_invalid_shape", "the signature file is not a JSON object");
  const fields = signature as Record<string, unknown>;
  if (fields.algo !== "hmac-sha256")
    return fail("signature_algo_unsupported", `algo is ${JSON.stringify(fields.algo ?? null)}, expected "hmac-sha256"`);
  const lockSha = createHash("sha256").update(input.lockfileBytes).digest("hex");
  const claimedSha = pythonStrOrEmpty(fields.lockfile_sha256);
  if (claimedSha !== lockSha)
    return fail(
      "lockfile_sha256_mismatch",
      `signature covers lockfile sha256 ${JSON.stringify(claimedSha)}, the lockfile's is ${lockSha}`,
    );
  const keyId = pythonStrip(pythonStrOrEmpty(fields.key_id));
  const signatureHex = pythonStrip(pythonStrOrEmpty(fields.signature_hex));
  if (!keyId || !signatureHex) return fail("signature_missing_fields", "key_id or signature_hex is empty");
  const lookup = keyring === null || keyring instanceof KeyringError ? null : keyring.keyFor("anchor", keyId);
  if (!lookup?.ok)
    return fail(
      "signature_key_unavailable",
      lookup ? lookup.reason : `no keyring to look up anchor key ${JSON.stringify(keyId)}`,
    );
  const expected = Buffer.from(hmacHex(derivePluginLocksKey(lookup.key), lockSha), "ascii");
  // hmac.compare_digest raises TypeError on non-ASCII str arguments; that escapes verify_lockfile.
  if (/[^\x00-\x7f]/.test(signatureHex))
    return fail(
      "signature_verify_failed",
      "signature_hex is not ASCII",
      "plugin_locks signature verify failed: TypeError",
    );
  const given = Buffer.from(signatureHex, "ascii");
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return fail("signature_mismatch", `HMAC does not match for anchor key ${JSON.stringify(keyId)}`);
  return { ok: true, key_id: keyId, lockfile_sha256: lockSha };
}
