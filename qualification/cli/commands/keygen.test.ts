import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { tempDir } from "../../../setup/testing/example-copy.ts";
import { sha256Hex } from "../../shared/canonical/canonical-json.ts";
import { loadSigner } from "../../outputs/proof/load-signer.ts";
import { parsePublicKeyText } from "../../outputs/proof/ed25519-keys.ts";
import { writeSampleBundle } from "../../outputs/proof/testing/sample-bundle.ts";
import { verifyBundle } from "../../outputs/proof/verify/verify-bundle.ts";
import type { CommandIo } from "../command.ts";
import { main } from "../main.ts";

function run(args: string[], cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIo = { out: (l) => out.push(l), err: (l) => err.push(l), env: {}, cwd };
  return { code: main(args, io), out, err };
}

describe("pnpm qualify keygen", () => {
  test("writes a 0600 base64 64-byte secret key and a base64 32-byte public key; prints the keyid, never the secret", async () => {
    const cwd = tempDir("keygen");
    const r = run(["keygen", "--out", "keys"], cwd);
    expect(await r.code).toBe(0);
    const secretPath = join(cwd, "keys", "qualify-signing.key");
    const secretText = readFileSync(secretPath, "utf8");
    const publicKey = Buffer.from(readFileSync(join(cwd, "keys", "qualify-signing.pub"), "utf8").trim(), "base64");
    expect(Buffer.from(secretText.trim(), "base64")).toHaveLength(64);
    expect(publicKey).toHaveLength(32);
    expect(statSync(secretPath).mode & 0o777).toBe(0o600);
    expect(r.out.join("\n")).toContain(`keyid ${sha256Hex(publicKey)}`);
    expect([...r.out, ...r.err].join("\n")).not.toContain(secretText.trim().slice(0, 16));
  });

  test("refuses to overwrite an existing pair unless --force", async () => {
    const cwd = tempDir("keygen");
    expect(await run(["keygen", "--out", "."], cwd).code).toBe(0);
    const before = readFileSync(join(cwd, "qualify-signing.key"), "utf8");
    const again = run(["keygen", "--out", "."], cwd);
    expect(await again.code).toBe(1);
    expect(again.err.join("\n")).toMatch(/refusing to overwrite/);
    expect(readFileSync(join(cwd, "qualify-signing.key"), "utf8")).toBe(before);
    expect(await run(["keygen", "--out", ".", "--force"], cwd).code).toBe(0);
    expect(readFileSync(join(cwd, "qualify-signing.key"), "utf8")).not.toBe(before);
    expect(statSync(join(cwd, "qualify-signing.key")).mode & 0o777).toBe(0o600);
  });

  test("a generated pair signs a bundle (via QUALIFY_SIGNING_KEY_FILE) that verifies with the .pub", async () => {
    const cwd = tempDir("keygen");
    expect(await run(["keygen", "--out", "."], cwd).code).toBe(0);
    const signer = loadSigner({ signingKey: null, signingKeyFile: join(cwd, "qualify-signing.key") });
    writeSampleBundle(join(cwd, "proof"), { signer });
    const publicKeyText = readFileSync(join(cwd, "qualify-signing.pub"), "utf8");
    expect(
      verifyBundle(join(cwd, "proof"), { publicKeyText, allowUnsigned: false, target: null, commit: null, cwd }).ok,
    ).toBe(true);
  });

  test("the same pair in PEM (SPKI, PKCS#8 0600): openssl reads them, and the PEM public key verifies the bundle the raw key signed", async () => {
    const cwd = tempDir("keygen");
    expect(await run(["keygen", "--out", "."], cwd).code).toBe(0);
    expect(statSync(join(cwd, "qualify-signing.key.pem")).mode & 0o777).toBe(0o600);
    const raw = Buffer.from(readFileSync(join(cwd, "qualify-signing.pub"), "utf8").trim(), "base64");
    expect(parsePublicKeyText(readFileSync(join(cwd, "qualify-signing.pub.pem"), "utf8"))).toEqual(new Uint8Array(raw));
    const signer = loadSigner({ signingKey: null, signingKeyFile: join(cwd, "qualify-signing.key.pem") });
    expect(Buffer.from(signer!.publicKey)).toEqual(raw);
    writeSampleBundle(join(cwd, "proof"), {
      signer: loadSigner({ signingKey: null, signingKeyFile: join(cwd, "qualify-signing.key") }),
    });
    const publicKeyText = readFileSync(join(cwd, "qualify-signing.pub.pem"), "utf8");
    expect(
      verifyBundle(join(cwd, "proof"), { publicKeyText, allowUnsigned: false, target: null, commit: null, cwd }).ok,
    ).toBe(true);
  });

  test("usage: --out is required", async () => {
    expect(await run(["keygen"], tempDir("keygen")).code).toBe(2);
  });
});
