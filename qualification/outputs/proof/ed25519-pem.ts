import { createPrivateKey, createPublicKey } from "node:crypto";

/**
 * Ed25519 keys in the PEM forms openssl, cosign and most key stores use: SPKI (`BEGIN PUBLIC KEY`) and PKCS#8
 * (`BEGIN PRIVATE KEY`), read and written with Node's own crypto (no hand-rolled ASN.1 parsing). The raw
 * forms stay the suite's own; both are accepted wherever a key is read.
 */
const PEM = /-----BEGIN ([A-Z ]+)-----/;

export function isPem(text: string): boolean {
  return PEM.test(text);
}

const fromBase64Url = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, "base64url"));

/** The raw 32-byte public key of an SPKI PEM Ed25519 key (a private key's PEM gives its public half too), or null. */
export function publicKeyFromPem(text: string): Uint8Array | null {
  try {
    const key = createPublicKey(text);
    if (key.asymmetricKeyType !== "ed25519") return null;
    const x = key.export({ format: "jwk" }).x;
    return typeof x === "string" ? fromBase64Url(x) : null;
  } catch {
    return null;
  }
}

/** The 32-byte seed of a PKCS#8 PEM Ed25519 private key, or null (also for an encrypted one). */
export function seedFromPem(text: string): Uint8Array | null {
  try {
    const key = createPrivateKey(text);
    if (key.asymmetricKeyType !== "ed25519") return null;
    const d = key.export({ format: "jwk" }).d;
    return typeof d === "string" ? fromBase64Url(d) : null;
  } catch {
    return null;
  }
}

export function publicKeyPem(publicKey: Uint8Array): string {
  return createPublicKey({
    key: { kty: "OKP", crv: "Ed25519", x: Buffer.from(publicKey).toString("base64url") },
    format: "jwk",
  })
    .export({ type: "spki", format: "pem" })
    .toString();
}

export function privateKeyPem(seed: Uint8Array, publicKey: Uint8Array): string {
  const jwk = {
    kty: "OKP",
    crv: "Ed25519",
    d: Buffer.from(seed).toString("base64url"),
    x: Buffer.from(publicKey).toString("base64url"),
  };
  return createPrivateKey({ key: jwk, format: "jwk" }).export({ type: "pkcs8", format: "pem" }).toString();
}
