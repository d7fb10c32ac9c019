import { readFileSync } from "node:fs";
import type { QualifyOptions } from "../../shared/options/resolve-options.ts";
import { SigningKeyError, signerFromSecretKeyText, type Signer } from "./ed25519-keys.ts";

/**
 * The bundle signer from QUALIFY_SIGNING_KEY (base64) or QUALIFY_SIGNING_KEY_FILE; null when neither is set,
 * and the bundle is then written unsigned. A set but unusable key throws: silently not signing would lie.
 */
export function loadSigner(options: Pick<QualifyOptions, "signingKey" | "signingKeyFile">): Signer | null {
  if (options.signingKey !== null && options.signingKeyFile !== null)
    throw new SigningKeyError("set QUALIFY_SIGNING_KEY or QUALIFY_SIGNING_KEY_FILE, not both");
  if (options.signingKey !== null) return signerFromSecretKeyText(options.signingKey, "QUALIFY_SIGNING_KEY");
  if (options.signingKeyFile === null) return null;
  let text: string;
  try {
    text = readFileSync(options.signingKeyFile, "utf8");
  } catch (error) {
    throw new SigningKeyError(
      `QUALIFY_SIGNING_KEY_FILE ${options.signingKeyFile}: ${(error as NodeJS.ErrnoException).code ?? "unreadable"}`,
    );
  }
  return signerFromSecretKeyText(text, `QUALIFY_SIGNING_KEY_FILE ${options.signingKeyFile}`);
}
