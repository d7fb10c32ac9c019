import { describe, expect, test } from "vitest";
import { legacyDirectoryDigests } from "./legacy-directory-digests.ts";
import { sha256Directory } from "./sha256-directory.ts";
import { DEMO_DIGEST, writeDemoTree, writeTree } from "./testing/demo-tree.ts";
import { makeTempDir } from "./testing/temp-dir.ts";

describe("legacyDirectoryDigests", () => {
  test("the demo tree under the two pre-2026-02-09 algorithms", async () => {
    const demo = writeDemoTree(makeTempDir());
    expect(await legacyDirectoryDigests(demo)).toEqual({
      legacy_rglob_raw: "a7f5a4c1d83863751b596a18740b5488653ecc43ce9b997ad29c708882950b63",
      legacy_walk_raw: "4ed71059f1dc50e1d24ec051cecb74bd7418e9b2e1e9c703f969dcf7dbd37756",
    });
    expect(await sha256Directory(demo)).toBe(DEMO_DIGEST);
  });

  test("without CR bytes and with one lower-case flat name set, all three algorithms agree", async () => {
    const root = writeTree(makeTempDir(), { "a.py": Buffer.from("x\n"), "b.json": Buffer.from("{}\n") });
    const legacy = await legacyDirectoryDigests(root);
    const current = await sha256Directory(root);
    expect(legacy).toEqual({ legacy_rglob_raw: current, legacy_walk_raw: current });
  });

  test("rglob order is per component: sub/c.md before sub.txt, unlike the current order", async () => {
    const nested = writeTree(makeTempDir(), { "sub.txt": Buffer.from("1"), "sub/c.md": Buffer.from("2") });
    const legacy = await legacyDirectoryDigests(nested);
    expect(legacy.legacy_rglob_raw).not.toBe(legacy.legacy_walk_raw);
    expect(legacy.legacy_walk_raw).toBe(await sha256Directory(nested));
  });
});
