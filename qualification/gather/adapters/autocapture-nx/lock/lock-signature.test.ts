import { describe, expect, test } from "vitest";
import { KeyringError, parseKeyring, type Keyring } from "./keyring.ts";
import {
  SIGNATURE_RESULT_CODES,
  derivePluginLocksKey,
  serializeSignatureFile,
  signLockfile,
  verifyLockSignature,
  type VerifyLockSignatureInput,
} from "./lock-signature.ts";
import { pythonJsonDumps } from "../../../../shared/json/python-json-dumps.ts";

// Test vector: root key bytes 00..1f, an empty lockfile; the expected values are what the platform's
// `lock_signing.py` `sign_lockfile` (with `crypto.py` `derive_key`) computes for these inputs.
const ROOT = Buffer.from(Array.from({ length: 32 }, (_, i) => i));
const KEY_ID = "test-key-1";
const LOCK = Buffer.from(pythonJsonDumps({ plugins: {}, version: 1 }, { indent: 2, sortKeys: true }));
const LOCK_SHA = "1e3b00893ab9925ea10b1941d02479a37f1581251b820b990bb7efb346a9aa80";
const DERIVED = "0482f8521487cea88497c4d31d76c4ba5ca30bbb113d619e78b2d8d772181146";
const SIGNATURE = "786968f518762338940be6915b18256beecd962a77e2e153b5c074cec993707e";

const keyringText = (purposes: Record<string, unknown>): string => JSON.stringify({ schema_version: 2, purposes });
const anchorKeys = (keys: unknown[]): Record<string, unknown> => ({ anchor: { active_key_id: KEY_ID, keys } });
const record = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  key_id: KEY_ID,
  key_b64: ROOT.toString("base64"),
  created_ts: "2026-02-01T00:00:00+00:00",
  protected: false,
  ...overrides,
});
const KEYRING = parseKeyring(keyringText(anchorKeys([record()])), "data/vault/keyring.json") as Keyring;
const GOOD_SIGNATURE = serializeSignatureFile(signLockfile(LOCK, ROOT, KEY_ID));
const withFields = (fields: Record<string, unknown>): string =>
  JSON.stringify({ ...JSON.parse(GOOD_SIGNATURE), ...fields });
const verify = (overrides: Partial<VerifyLockSignatureInput>) =>
  verifyLockSignature({ lockfileBytes: LOCK, signatureText: GOOD_SIGNATURE, keyring: KEYRING, ...overrides });

describe("test vector: root key 00..1f, empty lockfile", () => {
  test("lockfile bytes, derived key, signature", () => {
    expect(LOCK.toString("hex")).toBe("7b0a202022706c7567696e73223a207b7d2c0a20202276657273696f6e223a20310a7d");
    expect(derivePluginLocksKey(ROOT).reveal().toString("hex")).toBe(DERIVED);
    expect(signLockfile(LOCK, ROOT, KEY_ID)).toEqual({
      algo: "hmac-sha256",
      key_id: KEY_ID,
      lockfile_sha256: LOCK_SHA,
      schema_version: 1,
      signature_hex: SIGNATURE,
    });
  });

  test("the signature file is written like sign_lockfile writes it (CPython output)", () => {
    expect(GOOD_SIGNATURE).toBe(
      `{\n  "algo": "hmac-sha256",\n  "key_id": "test-key-1",\n  "lockfile_sha256": "${LOCK_SHA}",\n  "schema_version": 1,\n  "signature_hex": "${SIGNATURE}"\n}`,
    );
  });

  test("verifies with the keyring's anchor key", () => {
    expect(verify({})).toEqual({ ok: true, key_id: KEY_ID, lockfile_sha256: LOCK_SHA });
  });

  test("key_id and signature_hex are stripped with Python's whitespace set, as the platform does", () => {
    expect(
      verify({ signatureText: withFields({ key_id: `\u3000${KEY_ID}\n`, signature_hex: ` ${SIGNATURE}\x1c` }) }),
    ).toMatchObject({ ok: true, key_id: KEY_ID });
  });

  test("signature bytes are decoded as strict UTF-8", () => {
    expect(verify({ signatureText: Buffer.from(GOOD_SIGNATURE) })).toMatchObject({ ok: true });
  });
});

describe("result codes, in verification order", () => {
  const cases: Array<[string, Partial<VerifyLockSignatureInput>]> = [
    ["lockfile_missing", { lockfileBytes: null, signatureText: null }],
    ["signature_missing", { signatureText: null, keyring: null }],
    ["signature_invalid_json", { signatureText: "{oops" }],
    ["signature_invalid_shape", { signatureText: "[1, 2]" }],
    ["signature_algo_unsupported", { signatureText: withFields({ algo: "ed25519", lockfile_sha256: "0" }) }],
    [
      "lockfile_sha256_mismatch",
      { lockfileBytes: Buffer.concat([LOCK, Buffer.from("\n")]), signatureText: withFields({ key_id: "" }) },
    ],
    ["signature_missing_fields", { signatureText: withFields({ key_id: "   ", signature_hex: "00" }), keyring: null }],
    ["signature_key_unavailable", { signatureText: withFields({ key_id: "other-key", signature_hex: "00" }) }],
    ["signature_mismatch", { signatureText: withFields({ signature_hex: SIGNATURE.toUpperCase() }) }],
  ];

  test("the table covers all nine codes in verify_lockfile's order", () => {
    expect(cases.map(([code]) => code)).toEqual([...SIGNATURE_RESULT_CODES]);
  });

  test.each(cases)("%s", (code, overrides) => {
    expect(verify(overrides)).toEqual({
      ok: false,
      code,
      platform_error: `plugin_locks signature invalid: ${code}`,
      detail: expect.any(String),
    });
  });

  test.each([
    ["invalid UTF-8 bytes", Buffer.from([0x7b, 0xff, 0x7d])],
    [
      "a UTF-8 BOM (Python's json.loads rejects it)",
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(GOOD_SIGNATURE)]),
    ],
  ])("%s → signature_invalid_json", (_name, bytes) => {
    expect(verify({ signatureText: bytes })).toMatchObject({ ok: false, code: "signature_invalid_json" });
  });

  test("a wrong signature of the right length is a mismatch", () => {
    expect(verify({ signatureText: withFields({ signature_hex: "0".repeat(64) }) })).toMatchObject({
      ok: false,
      code: "signature_mismatch",
    });
  });

  test.each([
    ["no keyring at all", null],
    [
      "a missing keyring file (the platform would create an empty one)",
      new KeyringError("KEYRING_MISSING", "k.json", [], "FileNotFoundError"),
    ],
    ["a DPAPI-protected key", parseKeyring(keyringText(anchorKeys([record({ protected: true })])), "k.json")],
    ["a keyring without an anchor purpose", parseKeyring(keyringText({ metadata: { keys: [record()] } }), "k.json")],
  ])("%s → signature_key_unavailable", (_name, keyring) => {
    expect(verify({ keyring })).toMatchObject({ ok: false, code: "signature_key_unavailable" });
  });

  test("a broken keyring fails before any check, with the registry's exception text", () => {
    const broken = parseKeyring("{", "k.json");
    expect(verify({ keyring: broken, signatureText: "{oops" })).toEqual({
      ok: false,
      code: "signature_verify_failed",
      platform_error: "plugin_locks signature verify failed: JSONDecodeError",
      detail: expect.any(String),
    });
  });

  test("non-ASCII signature_hex makes hmac.compare_digest raise TypeError in the platform", () => {
    expect(verify({ signatureText: withFields({ signature_hex: "é".repeat(64) }) })).toMatchObject({
      ok: false,
      code: "signature_verify_failed",
      platform_error: "plugin_locks signature verify failed: TypeError",
    });
  });
});
