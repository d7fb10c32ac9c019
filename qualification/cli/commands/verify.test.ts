import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { VerifyReport } from "../../../contracts/proof-bundle.ts";
import { tempDir } from "../../../setup/testing/example-copy.ts";
import { testPublicKeyText, writeSampleBundle } from "../../outputs/proof/testing/sample-bundle.ts";
import { writeSamplePartial } from "../../outputs/shard/testing/sample-partials.ts";
import type { CommandIo } from "../command.ts";
import { main } from "../main.ts";

function run(args: string[], cwd = "/"): { code: Promise<number>; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIo = { out: (l) => out.push(l), err: (l) => err.push(l), env: {}, cwd };
  return { code: main(args, io), out, err };
}

function bundleWithKey(options: { signer?: null } = {}): { dir: string; key: string } {
  const base = tempDir("verify-cli");
  const dir = join(base, "proof");
  writeSampleBundle(dir, options);
  const key = join(base, "qualify-signing.pub");
  writeFileSync(key, testPublicKeyText());
  return { dir, key };
}

describe("pnpm qualify verify", () => {
  test("exit 0 and one PASS line per step for an intact signed bundle", async () => {
    const { dir, key } = bundleWithKey();
    const r = run([
      "verify",
      dir,
      "--public-key",
      key,
      "--target",
      "/targets/example",
      "--commit",
      "0123456789abcdef0123456789abcdef01234567",
    ]);
    expect(await r.code).toBe(0);
    expect(r.out.map((l) => l.split(/\s+/).slice(0, 3).join(" "))).toEqual([
      `verify ${dir}`,
      "PASS envelope_parse OK:",
      "PASS signature OK:",
      "PASS subjects OK:",
      "PASS completeness OK:",
      "PASS rejudge OK:",
      "PASS target OK:",
      "verify: OK",
    ]);
  });

  test("exit 1 naming each failed step and code", async () => {
    const { dir, key } = bundleWithKey();
    writeFileSync(join(dir, "extra.json"), "{}\n");
    const r = run(["verify", dir, "--public-key", key, "--commit", "deadbeef"]);
    expect(await r.code).toBe(1);
    expect(r.out.filter((l) => l.startsWith("FAIL"))).toEqual([
      expect.stringMatching(/^FAIL subjects +UNLISTED_FILE: extra\.json is in the bundle/),
      expect.stringMatching(/^FAIL target +COMMIT_MISMATCH: /),
    ]);
    expect(r.out.at(-1)).toBe("verify: FAILED (subjects=UNLISTED_FILE, target=COMMIT_MISMATCH)");
  });

  test("unsigned: exit 1 unless --allow-unsigned; --json prints the VerifyReport", async () => {
    const { dir } = bundleWithKey({ signer: null });
    const strict = run(["verify", dir, "--json"]);
    expect(await strict.code).toBe(1);
    const report = VerifyReport.parse(JSON.parse(strict.out.join("\n")));
    expect(report.steps.find((s) => s.step === "signature")).toMatchObject({ status: "fail", code: "UNSIGNED" });
    const allowed = run(["verify", dir, "--allow-unsigned"]);
    expect(await allowed.code).toBe(0);
    expect(allowed.out).toContainEqual(expect.stringMatching(/^PASS signature +UNSIGNED_ALLOWED: bundle is UNSIGNED/));
  });

  test("a shard's partial bundle: exit 1 (PARTIAL_BUNDLE) unless --partial", async () => {
    const { key } = bundleWithKey();
    const dir = writeSamplePartial(join(tempDir("verify-cli"), "proof-shard-1-of-2"), { index: 1, count: 2 });
    const whole = run(["verify", dir, "--public-key", key]);
    expect(await whole.code).toBe(1);
    expect(whole.out).toContainEqual(
      expect.stringMatching(/^FAIL completeness +PARTIAL_BUNDLE: this is the partial bundle of shard 1\/2/),
    );
    expect(await run(["verify", dir, "--public-key", key, "--partial"]).code).toBe(0);
  });

  test("usage errors exit 2", async () => {
    expect(await run(["verify"]).code).toBe(2);
    expect(await run(["verify", "a", "b"]).code).toBe(2);
    expect(await run(["verify", "a", "--public-key", "/nonexistent/key.pub"]).code).toBe(2);
    expect(await run(["verify", "a", "--bogus"]).code).toBe(2);
  });
});
