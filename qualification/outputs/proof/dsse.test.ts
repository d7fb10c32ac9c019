import { describe, expect, test } from "vitest";
import { DSSE_PAYLOAD_TYPE } from "../../../contracts/proof-bundle.ts";
import { preAuthEncoding, sealEnvelope } from "./dsse.ts";
import { verifyEd25519 } from "./ed25519-keys.ts";
import { decodeBase64Strict } from "./strict-base64.ts";
import { nodeVerifyEd25519 } from "./testing/node-ed25519.ts";
import { testSigner } from "./testing/sample-bundle.ts";

describe("preAuthEncoding", () => {
  test("matches the DSSE specification's example", () => {
    expect(preAuthEncoding("http://example.com/HelloWorld", Buffer.from("hello world")).toString("utf8")).toBe(
      "DSSEv1 29 http://example.com/HelloWorld 11 hello world",
    );
  });

  test("matches sigstore-js's vector", () => {
    expect(preAuthEncoding("text/plain", Buffer.from("Hello, World!", "utf8"))).toEqual(
      Buffer.from("DSSEv1 10 text/plain 13 Hello, World!"),
    );
  });

  test("counts UTF-8 bytes, not characters, in both fields", () => {
    const pae = preAuthEncoding("application/typ\u00e9", Buffer.from("\u00e9", "utf8"));
    expect(pae).toEqual(
      Buffer.concat([Buffer.from("DSSEv1 17 application/typ"), Buffer.from("\u00e9 2 \u00e9", "utf8")]),
    );
    expect(preAuthEncoding("text/plain", Buffer.alloc(0)).toString()).toBe("DSSEv1 10 text/plain 0 ");
  });
});

describe("sealEnvelope", () => {
  const payload = Buffer.from('{"_type":"https://in-toto.io/Statement/v1"}\n');

  test("without a signer the envelope has no signatures at all", () => {
    expect(sealEnvelope(payload, null)).toEqual({
      payloadType: DSSE_PAYLOAD_TYPE,
      payload: payload.toString("base64"),
      signatures: [],
    });
  });

  test("signs PAE(payloadType, payload): tweetnacl and node:crypto both verify, and a changed payload does not", () => {
    const signer = testSigner();
    const envelope = sealEnvelope(payload, signer);
    expect(envelope.signatures).toHaveLength(1);
    const [signature] = envelope.signatures;
    expect(signature!.keyid).toBe(signer.keyid);
    const sig = decodeBase64Strict(signature!.sig)!;
    const pae = preAuthEncoding(DSSE_PAYLOAD_TYPE, payload);
    expect(verifyEd25519(signer.publicKey, pae, sig)).toBe(true);
    expect(nodeVerifyEd25519(signer.publicKey, pae, sig)).toBe(true);
    // The signature covers the PAE, not the bare payload, and not another payload type.
    expect(nodeVerifyEd25519(signer.publicKey, payload, sig)).toBe(false);
    expect(nodeVerifyEd25519(signer.publicKey, preAuthEncoding("application/json", payload), sig)).toBe(false);
    expect(verifyEd25519(signer.publicKey, preAuthEncoding(DSSE_PAYLOAD_TYPE, Buffer.from("{}\n")), sig)).toBe(false);
  });

  test("Ed25519 signatures are deterministic: the same payload seals to the same bytes", () => {
    expect(sealEnvelope(payload, testSigner())).toEqual(sealEnvelope(payload, testSigner()));
  });
});

describe("decodeBase64Strict", () => {
  test("accepts only the canonical padded spelling", () => {
    expect(decodeBase64Strict("aGVsbG8gd29ybGQ=")).toEqual(new Uint8Array(Buffer.from("hello world")));
    expect(decodeBase64Strict("")).toEqual(new Uint8Array());
    for (const bad of [
      "aGVsbG8gd29ybGQ",
      "aGVsbG8gd29ybGR=",
      "aGVs bG8=",
      "aGVsbG8*d29ybGQ=",
      "aGVsbG8gd29ybGQ=\n",
      "aGVsbG8_d29ybGQ=",
    ])
      expect(decodeBase64Strict(bad), bad).toBeNull();
  });
});
