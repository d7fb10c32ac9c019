import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { inspect } from "node:util";
import { describe, expect, test } from "vitest";
import { makeTempDir } from "../hashing/testing/temp-dir.ts";
import { Keyring, KeyringError, normalizePurpose, parseKeyring, readKeyring } from "./keyring.ts";

const SECRET = Buffer.from("5ecre7-5ecre7-5ecre7-5ecre7-5ecr", "latin1");
const SECRET_B64 = SECRET.toString("base64");
const record = (keyId: string, extra: Record<string, unknown> = {}) => ({
  key_id: keyId,
  key_b64: SECRET_B64,
  created_ts: "2026-02-01T00:00:00+00:00",
  protected: false,
  ...extra,
});
const V2 = JSON.stringify({
  schema_version: 2,
  purposes: {
    anchor: { active_key_id: "anchor-2", keys: [record("anchor-1"), record("anchor-2")] },
    entity_tokens: { active_key_id: "tok-1", keys: [record("tok-1", { protected: true })] },
    junk: "not an object: skipped like the platform skips it",
  },
});

function keyring(text: string): Keyring {
  const parsed = parseKeyring(text, "data/vault/keyring.json");
  if (parsed instanceof KeyringError) throw parsed;
  return parsed;
}

function expectNoKeyMaterial(text: string): void {
  expect(text).not.toContain(SECRET_B64);
  expect(text).not.toContain(SECRET.toString("hex"));
  expect(text).not.toContain(SECRET.toString("latin1"));
}

describe("Keyring", () => {
  test("keyFor returns the bytes for a known purpose and key id", () => {
    const lookup = keyring(V2).keyFor("anchor", "anchor-1");
    expect(lookup.ok && lookup.key.reveal().equals(SECRET)).toBe(true);
  });

  test("activeKey follows active_key_id", () => {
    expect(keyring(V2).activeKey("anchor")).toMatchObject({ ok: true, key_id: "anchor-2" });
  });

  test("purposes are normalised like the platform's (case, spaces, aliases)", () => {
    expect(normalizePurpose(" Tokens ")).toBe("entity_tokens");
    expect(normalizePurpose("")).toBe("metadata");
    expect(normalizePurpose("Constructor")).toBe("constructor");
    expect(keyring(V2).keyFor(" ANCHOR ", "anchor-1").ok).toBe(true);
  });

  test.each([
    ["anchor", "nope", "KEY_ID_UNKNOWN"],
    ["media", "x", "PURPOSE_MISSING"],
    ["junk", "x", "PURPOSE_MISSING"],
    ["tokenization", "tok-1", "KEY_PROTECTED"],
  ])("keyFor(%j, %j) → %s", (purpose, keyId, code) => {
    const lookup = keyring(V2).keyFor(purpose, keyId);
    expect(lookup).toMatchObject({ ok: false, code });
    expect(!lookup.ok && lookup.reason).toMatch(keyId === "x" ? /purpose/ : new RegExp(keyId));
  });

  test("a protected key says why it is unavailable", () => {
    expect(keyring(V2).keyFor("entity_tokens", "tok-1")).toMatchObject({
      ok: false,
      reason: expect.stringContaining("DPAPI"),
    });
  });

  test("bad base64 is unavailable, not a crash", () => {
    const ring = keyring(
      JSON.stringify({ schema_version: 2, purposes: { anchor: { keys: [record("k", { key_b64: "abc" })] } } }),
    );
    expect(ring.keyFor("anchor", "k")).toMatchObject({ ok: false, code: "KEY_INVALID_BASE64" });
  });

  test("legacy schema_version 1 shares one key list across all purposes", () => {
    const ring = keyring(JSON.stringify({ keys: [record("legacy")], active_key_id: "legacy" }));
    expect(ring.activeKey("anchor")).toMatchObject({ ok: true, key_id: "legacy" });
    expect(ring.keyFor("media", "legacy").ok).toBe(true);
  });
});

describe("keyring errors", () => {
  test.each([
    ["{", "KEYRING_INVALID_JSON", "", "JSONDecodeError"],
    ["[]", "KEYRING_NOT_OBJECT", "", "AttributeError"],
    ['{"schema_version": 3}', "KEYRING_UNSUPPORTED_VERSION", "/schema_version", "RuntimeError"],
    ['{"schema_version": 2, "purposes": []}', "KEYRING_SCHEMA", "/purposes", "RuntimeError"],
    [
      '{"schema_version": 2, "purposes": {"anchor": {"keys": [{"key_id": "a"}]}}}',
      "KEYRING_SCHEMA",
      "/purposes/anchor/keys/0/key_b64",
      "KeyError",
    ],
  ])("%s → %s at %j", (text, code, pointer, pythonType) => {
    const parsed = parseKeyring(text, "k.json");
    expect(parsed).toBeInstanceOf(KeyringError);
    expect(parsed).toMatchObject({ code, file: "k.json", pythonExceptionType: pythonType });
    expect((parsed as KeyringError).issues.map((issue) => issue.pointer)).toContain(pointer);
  });

  test("readKeyring: a missing file is KEYRING_MISSING, a present one parses", () => {
    const dir = makeTempDir();
    expect(readKeyring(join(dir, "absent.json"))).toMatchObject({ code: "KEYRING_MISSING" });
    writeFileSync(join(dir, "keyring.json"), V2);
    expect(readKeyring(join(dir, "keyring.json"))).toBeInstanceOf(Keyring);
  });
});

describe("key material never leaks", () => {
  test("JSON.stringify, inspect and toString of the keyring and of a looked-up key", () => {
    const ring = keyring(V2);
    const lookup = ring.keyFor("anchor", "anchor-1");
    for (const text of [
      JSON.stringify(ring),
      inspect(ring, { showHidden: true, depth: 10 }),
      String(ring),
      JSON.stringify(lookup),
      inspect(lookup, { depth: 10 }),
    ]) {
      expectNoKeyMaterial(text);
    }
    expect(JSON.parse(JSON.stringify(ring))).toEqual({
      file: "data/vault/keyring.json",
      purposes: {
        anchor: { active_key_id: "anchor-2", key_ids: ["anchor-1", "anchor-2"] },
        entity_tokens: { active_key_id: "tok-1", key_ids: ["tok-1"] },
      },
    });
  });

  test("error messages for malformed files never quote the text around the fault", () => {
    const texts = [
      `{"schema_version": 2, "purposes": {"anchor": {"keys": [{"key_id": "a", "key_b64": "${SECRET_B64}" oops}]}}}`,
      `{"schema_version": 2, "purposes": {"anchor": {"keys": [{"key_id": "a", "key_b64": ${SECRET_B64}}]}}}`,
      `{"schema_version": 2, "purposes": {"anchor": {"keys": [{"key_id": "a", "key_b64": ["${SECRET_B64}"]}]}}}`,
      `{"schema_version": "${SECRET_B64}"}`,
    ];
    for (const text of texts) {
      const parsed = parseKeyring(text, "k.json");
      expect(parsed).toBeInstanceOf(KeyringError);
      const error = parsed as KeyringError;
      for (const rendering of [
        error.message,
        String(error),
        JSON.stringify(error),
        JSON.stringify(error.issues),
        inspect(error),
      ])
        expectNoKeyMaterial(rendering);
    }
  });
});
