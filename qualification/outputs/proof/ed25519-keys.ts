import nacl from "tweetnacl";
import { sha256Hex } from "../../shared/canonical/canonical-json.ts";
import { isPem, publicKeyFromPem, seedFromPem } from "./ed25519-pem.ts";
import { decodeBase64Strict, encodeBase64 } from "./strict-base64.ts";

/** Signs DSSE PAE bytes. The secret key stays inside the closure; only the public half is exposed. */
export interface Signer {
  readonly keyid: string;
  readonly publicKey: Uint8Array;
  sign(message: Uint8Array): Uint8Array;
}

/** Unusable key material (configuration, not a verdict). Messages never contain key bytes. */
export class SigningKeyError extends Error {
  readonly code = "SIGNING_KEY_INVALID";
}

/** keyid = hex sha256 of the raw 32-byte Ed25519 public key. */
export const keyIdOf = (publicKey: Uint8Array): string => sha256Hex(publicKey);

export function generateKeyPair(): { secretKey: Uint8Array; publicKey: Uint8Array } {
  return nacl.sign.keyPair();
}

/**
 * A base64 tweetnacl secret key: 64 bytes (seed ‖ public key, as `keygen` writes), or a bare 32-byte seed; or a
 * PKCS#8 PEM Ed25519 private key (`openssl genpkey -algorithm ed25519`).
 * A 64-byte key whose public half does not match its seed is refused.
 */
export function signerFromSecretKeyText(text: string, origin: string): Signer {
  if (isPem(text)) {
    const seed = seedFromPem(text);
    if (!seed) throw new SigningKeyError(`${origin}: not an unencrypted PKCS#8 Ed25519 private key (PEM)`);
    return signerFromKeyPair(nacl.sign.keyPair.fromSeed(seed));
  }
  const bytes = decodeBase64Strict(text.trim());
  if (!bytes || (bytes.length !== 64 && bytes.length !== 32))
    throw new SigningKeyError(`${origin}: not a base64 Ed25519 secret key (expected 64 bytes, or a 32-byte seed)`);
  const pair = nacl.sign.keyPair.fromSeed(bytes.slice(0, 32));
  if (bytes.length === 64 && !nacl.verify(pair.publicKey, bytes.slice(32)))
    throw new SigningKeyError(`${origin}: the public half of the 64-byte secret key does not match its seed`);
  return signerFromKeyPair(pair);
}

function signerFromKeyPair(pair: { secretKey: Uint8Array; publicKey: Uint8Array }): Signer {
  const { secretKey, publicKey } = pair;
  return { keyid: keyIdOf(publicKey), publicKey, sign: (message) => nacl.sign.detached(message, secretKey) };
}

/** A base64 32-byte public key (`qualify-signing.pub`) or an SPKI PEM Ed25519 key, or null when it is neither. */
export function parsePublicKeyText(text: string): Uint8Array | null {
  if (isPem(text)) return publicKeyFromPem(text);
  const bytes = decodeBase64Strict(text.trim());
  return bytes && bytes.length === 32 ? bytes : null;
}

export const verifyEd25519 = (publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean =>
  signature.length === 64 && nacl.sign.detached.verify(message, signature, publicKey);

export const publicKeyText = (publicKey: Uint8Array): string => `${encodeBase64(publicKey)}\n`;
export const secretKeyText = (secretKey: Uint8Array): string => `${encodeBase64(secretKey)}\n`;
