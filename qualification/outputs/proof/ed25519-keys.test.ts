import { writeFileSync } from "node:fs";
import { join } from "node:path";
import nacl from "tweetnacl";
import { describe, expect, test } from "vitest";
import { tempDir } from "../../../setup/testing/example-copy.ts";
import { sha256Hex } from "../../shared/canonical/canonical-json.ts";
import { nodeVerifyEd25519 } from "./testing/node-ed25519.ts";
import { keyIdOf, parsePublicKeyText, SigningKeyError, signerFromSecretKeyText } from "./ed25519-keys.ts";
import { loadSigner } from "./load-signer.ts";

// RFC 8032 §7.1, TEST 2 (one-byte message 0x72).
const RFC8032 = {
  seed: "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
  publicKey: "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
  message: "72",
  signature:
    "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
};
const hex = (s: string) => new Uint8Array(Buffer.from(s, "hex"));
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");

describe("Ed25519 keys", () => {
  test("RFC 8032 test 2: a signer from the seed has the published public key and signature", () => {
    const signer = signerFromSecretKeyText(b64(hex(RFC8032.seed)), "vector");
    expect(Buffer.from(signer.publicKey).toString("hex")).toBe(RFC8032.publicKey);
    const sig = signer.sign(hex(RFC8032.message));
    expect(Buffer.from(sig).toString("hex")).toBe(RFC8032.signature);
    expect(nodeVerifyEd25519(signer.publicKey, hex(RFC8032.message), sig)).toBe(true);
  });

  test("a 64-byte tweetnacl secret key works and its keyid is the sha256 of the raw public key", () => {
    const pair = nacl.sign.keyPair.fromSeed(hex(RFC8032.seed));
    const signer = signerFromSecretKeyText(`${b64(pair.secretKey)}\n`, "file");
    expect(signer.keyid).toBe(sha256Hex(hex(RFC8032.publicKey)));
    expect(keyIdOf(pair.publicKey)).toBe(signer.keyid);
  });

  test("unusable keys throw SigningKeyError without echoing the key", () => {
    const pair = nacl.sign.keyPair.fromSeed(hex(RFC8032.seed));
    const mismatched = new Uint8Array(pair.secretKey);
    mismatched[40] = (mismatched[40] ?? 0) ^ 1;
    for (const text of [b64(mismatched), "not base64!", b64(new Uint8Array(16))]) {
      const error = (() => {
        try {
          signerFromSecretKeyText(text, "QUALIFY_SIGNING_KEY");
        } catch (e) {
          return e;
        }
        return null;
      })();
      expect(error).toBeInstanceOf(SigningKeyError);
      expect((error as Error).message).not.toContain(text.slice(0, 12));
    }
  });

  test("public keys: base64 of exactly 32 bytes", () => {
    expect(parsePublicKeyText(`${b64(hex(RFC8032.publicKey))}\n`)).toEqual(hex(RFC8032.publicKey));
    expect(parsePublicKeyText(b64(new Uint8Array(31)))).toBeNull();
    expect(parsePublicKeyText("garbage")).toBeNull();
  });
});

describe("loadSigner", () => {
  const seedText = b64(hex(RFC8032.seed));

  test("no key configured → null (the bundle is written unsigned)", () => {
    expect(loadSigner({ signingKey: null, signingKeyFile: null })).toBeNull();
  });

  test("from QUALIFY_SIGNING_KEY or from QUALIFY_SIGNING_KEY_FILE, not both", () => {
    const file = join(tempDir("signer"), "qualify-signing.key");
    writeFileSync(file, `${seedText}\n`, { mode: 0o600 });
    expect(loadSigner({ signingKey: seedText, signingKeyFile: null })?.keyid).toBe(sha256Hex(hex(RFC8032.publicKey)));
    expect(loadSigner({ signingKey: null, signingKeyFile: file })?.keyid).toBe(sha256Hex(hex(RFC8032.publicKey)));
    expect(() => loadSigner({ signingKey: seedText, signingKeyFile: file })).toThrow(SigningKeyError);
    expect(() => loadSigner({ signingKey: null, signingKeyFile: `${file}.absent` })).toThrow(/ENOENT/);
  });
});
