import { appendFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { tempDir } from "../../../setup/testing/example-copy.ts";
import { SUITE_ROOT } from "../../shared/options/resolve-options.ts";
import { runCommand } from "../../shared/process/run-command.ts";
import { loadSigner } from "./load-signer.ts";
import { writeSampleBundle } from "./testing/sample-bundle.ts";
import { verifyBundle } from "./verify/verify-bundle.ts";

/**
 * A bundle verified without the suite: a key made by openssl itself (PKCS#8 PEM) signs it through
 * QUALIFY_SIGNING_KEY_FILE, and the README's openssl/jq/sha256sum recipe — read from the README, so the
 * documentation cannot drift from what works — checks its signature and every file digest.
 */
function readmeRecipe(): string {
  const readme = readFileSync(join(SUITE_ROOT, "README.md"), "utf8");
  const block = /<!-- openssl-verify:begin -->\n```sh\n([\s\S]*?)```\n<!-- openssl-verify:end -->/.exec(readme);
  expect(block, "the README's openssl-verify block").not.toBeNull();
  return `set -euo pipefail\n${block![1]!}`;
}

const sh = (script: string, cwd: string, env: Record<string, string> = {}) =>
  runCommand({
    file: "bash",
    args: ["-c", script],
    cwd,
    env: { PATH: process.env.PATH ?? "", ...env },
    timeoutMs: 30_000,
  });

describe("verifying a bundle with openssl", () => {
  test("an openssl-made PEM key signs; the README's recipe verifies the signature and the subjects; the suite verifies with the PEM public key", async () => {
    const dir = tempDir("openssl");
    expect(
      (
        await sh(
          "openssl genpkey -algorithm ed25519 -out key.pem && openssl pkey -in key.pem -pubout -out pub.pem",
          dir,
        )
      ).exitCode,
    ).toBe(0);
    const proof = join(dir, "proof");
    writeSampleBundle(proof, { signer: loadSigner({ signingKey: null, signingKeyFile: join(dir, "key.pem") }) });
    const run = await sh(readmeRecipe(), proof, { PUB: join(dir, "pub.pem") });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toContain("Signature Verified Successfully");
    expect(run.stdout).toContain("verdicts.json: OK");
    expect(run.stdout.trim().split("\n").at(-1)).toBe("0123456789abcdef0123456789abcdef01234567");
    const publicKeyText = readFileSync(join(dir, "pub.pem"), "utf8");
    expect(verifyBundle(proof, { publicKeyText, allowUnsigned: false, target: null, commit: null, cwd: dir }).ok).toBe(
      true,
    );
  });

  test("the recipe fails on a changed file and on another key", async () => {
    const dir = tempDir("openssl");
    expect(
      (
        await sh(
          "openssl genpkey -algorithm ed25519 -out key.pem && openssl genpkey -algorithm ed25519 -out other.pem && openssl pkey -in other.pem -pubout -out other.pub.pem && openssl pkey -in key.pem -pubout -out pub.pem",
          dir,
        )
      ).exitCode,
    ).toBe(0);
    const proof = join(dir, "proof");
    writeSampleBundle(proof, { signer: loadSigner({ signingKey: null, signingKeyFile: join(dir, "key.pem") }) });
    expect((await sh(readmeRecipe(), proof, { PUB: join(dir, "other.pub.pem") })).exitCode).not.toBe(0);
    appendFileSync(join(proof, "verdicts.json"), " ");
    const changed = await sh(readmeRecipe(), proof, { PUB: join(dir, "pub.pem") });
    expect(changed.exitCode).not.toBe(0);
    expect(changed.stdout).toContain("verdicts.json: FAILED");
  });
});
