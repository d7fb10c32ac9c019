/** The proof bundle's public surface: build and write a bundle, sign it, verify it. */
export { ENVELOPE_FILE, OPTIONAL_FILES, PROOF_DIR, RUN_FILE, STATEMENT_FILE, VERDICTS_FILE } from "./bundle-layout.ts";
export { buildBundle, type BundleFile, type BundleInput } from "./build-bundle.ts";
export { preAuthEncoding, sealEnvelope } from "./dsse.ts";
export { generateKeyPair, keyIdOf, SigningKeyError, type Signer } from "./ed25519-keys.ts";
export { loadSigner } from "./load-signer.ts";
export { renderVerifyReport } from "./verify/render-verify-report.ts";
export { verifyBundle, type VerifyOptions } from "./verify/verify-bundle.ts";
export { writeBundle, writeProofBundle, type ProofOptions } from "./write-proof-bundle.ts";
