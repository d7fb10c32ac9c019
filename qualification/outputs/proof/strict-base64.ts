/**
 * Standard base64 (RFC 4648 §4, padded) decoded strictly: Node's decoder skips foreign characters and ignores
 * non-zero padding bits, so two different strings could decode to the same bytes. Only the one canonical
 * spelling of some bytes is accepted; anything else is null.
 */
export function decodeBase64Strict(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return null;
  const bytes = Buffer.from(text, "base64");
  return bytes.toString("base64") === text ? new Uint8Array(bytes) : null;
}

export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("base64");
}
