import { DSSE_PAYLOAD_TYPE, type DsseEnvelope } from "../../../contracts/proof-bundle.ts";
import type { Signer } from "./ed25519-keys.ts";
import { encodeBase64 } from "./strict-base64.ts";

const PAE_PREFIX = "DSSEv1";

/**
 * DSSE Pre-Authentication Encoding, as sigstore-js `core/dsse.ts`:
 * `"DSSEv1" SP LEN(type) SP type SP LEN(body) SP body`, lengths in UTF-8 bytes, ASCII decimal.
 */
export function preAuthEncoding(payloadType: string, payload: Uint8Array): Buffer {
  const typeBytes = Buffer.from(payloadType, "utf-8");
  return Buffer.concat([
    Buffer.from(`${PAE_PREFIX} ${typeBytes.length} `, "ascii"),
    typeBytes,
    Buffer.from(` ${payload.length} `, "ascii"),
    payload,
  ]);
}

/** Wraps a payload; with no signer the envelope has `signatures: []` — never a placeholder signature. */
export function sealEnvelope(
  payload: Uint8Array,
  signer: Signer | null,
  payloadType: string = DSSE_PAYLOAD_TYPE,
): DsseEnvelope {
  const signatures = signer
    ? [{ keyid: signer.keyid, sig: encodeBase64(signer.sign(preAuthEncoding(payloadType, payload))) }]
    : [];
  return { payloadType, payload: encodeBase64(payload), signatures };
}
