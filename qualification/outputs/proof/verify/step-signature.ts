import type { VerifyProblem, VerifyStepResult } from "../../../../contracts/proof-bundle.ts";
import { ENVELOPE_FILE } from "../bundle-layout.ts";
import { preAuthEncoding } from "../dsse.ts";
import { keyIdOf, parsePublicKeyText, verifyEd25519 } from "../ed25519-keys.ts";
import { decodeBase64Strict } from "../strict-base64.ts";
import type { OpenedEnvelope } from "./step-envelope.ts";
import { failed, fromProblems, passed, problem } from "./step-result.ts";

export interface SignatureOptions {
  /** Content of the `--public-key` file (base64 raw 32-byte Ed25519 key), or null. */
  readonly publicKeyText: string | null;
  readonly allowUnsigned: boolean;
}

/**
 * signature: every DSSE signature is an Ed25519 signature by the given key over PAE(payloadType, payload).
 * An unsigned bundle fails unless explicitly allowed; signatures removed from a bundle declared signed never pass.
 */
export function stepSignature(
  { envelope, payload, statement }: OpenedEnvelope,
  options: SignatureOptions,
): VerifyStepResult {
  const declaredSigned = statement.predicate.signed;
  if (envelope.signatures.length === 0) {
    if (declaredSigned)
      return failed(
        "signature",
        "SIGNATURES_STRIPPED",
        ENVELOPE_FILE,
        "the statement says the bundle was signed, but the envelope carries no signature",
      );
    if (options.allowUnsigned)
      return passed(
        "signature",
        "bundle is UNSIGNED (no signing key was configured); accepted because --allow-unsigned was given",
        "UNSIGNED_ALLOWED",
      );
    return failed(
      "signature",
      "UNSIGNED",
      ENVELOPE_FILE,
      "bundle is unsigned (no signing key was configured when it was written); pass --allow-unsigned to accept an unsigned bundle",
    );
  }
  if (!declaredSigned)
    return failed(
      "signature",
      "SIGNED_BUT_DECLARED_UNSIGNED",
      ENVELOPE_FILE,
      "the envelope carries signatures but the statement says the bundle is unsigned",
    );
  if (options.publicKeyText === null)
    return failed(
      "signature",
      "PUBLIC_KEY_REQUIRED",
      null,
      "the bundle is signed: pass --public-key <qualify-signing.pub> to check it",
    );
  const publicKey = parsePublicKeyText(options.publicKeyText);
  if (!publicKey)
    return failed("signature", "PUBLIC_KEY_INVALID", null, "the public key is not a base64 raw 32-byte Ed25519 key");
  const keyid = keyIdOf(publicKey);
  const pae = preAuthEncoding(envelope.payloadType, payload);
  const problems: VerifyProblem[] = [];
  envelope.signatures.forEach((signature, index) => {
    if (signature.keyid !== keyid) {
      problems.push(
        problem(
          "KEYID_MISMATCH",
          ENVELOPE_FILE,
          `signature ${index} has keyid ${signature.keyid}, the given public key is ${keyid}`,
        ),
      );
      return;
    }
    const sig = decodeBase64Strict(signature.sig);
    if (!sig || !verifyEd25519(publicKey, pae, sig))
      problems.push(
        problem(
          "SIGNATURE_INVALID",
          ENVELOPE_FILE,
          `signature ${index} (keyid ${keyid}) does not verify over the DSSE PAE of the payload`,
        ),
      );
  });
  return fromProblems(
    "signature",
    problems,
    `${envelope.signatures.length} Ed25519 signature(s) by keyid ${keyid} verify`,
  );
}
