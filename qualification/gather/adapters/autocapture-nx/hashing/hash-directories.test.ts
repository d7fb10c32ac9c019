import { symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { hashDirectories } from "./hash-directories.ts";
import { sha256DirectorySync } from "./sha256-directory.ts";
import { DEMO_DIGEST, DEMO_FILE_DIGESTS, writeDemoTree, writeTree } from "./testing/demo-tree.ts";
import { makeTempDir } from "./testing/temp-dir.ts";

function plugins(count: number): string[] {
  const parent = makeTempDir();
  return Array.from({ length: count }, (_, i) =>
    writeTree(join(parent, `p${i}`), {
      "plugin.json": Buffer.from(`{"plugin_id": "p${i}"}\r\n`),
      "plugin.py": Buffer.from(`x = ${i}\n`),
    }),
  );
}

describe("hashDirectories", () => {
  test.each([1, 3, 64])("outcomes come back in input order with concurrency %i", async (concurrency) => {
    const roots = plugins(20);
    const outcomes = await hashDirectories(roots, concurrency);
    expect(outcomes.map((outcome) => outcome.root)).toEqual(roots);
    expect(outcomes.map((outcome) => (outcome.ok ? outcome.digest.sha256 : null))).toEqual(
      roots.map((root) => sha256DirectorySync(root)),
    );
  });

  test("a symlinked plugin is a per-root failure; the others still hash", async () => {
    const parent = makeTempDir();
    const good = writeDemoTree(join(parent, "good"));
    const bad = writeDemoTree(join(parent, "bad"));
    symlinkSync("plugin.py", join(bad, "alias.py"));
    const [first, second] = await hashDirectories([bad, good], 2);
    expect(first).toMatchObject({ root: bad, ok: false, error: { code: "SYMLINK_IN_PLUGIN_DIR", rel: "alias.py" } });
    expect(second).toMatchObject({ root: good, ok: true, digest: { sha256: DEMO_DIGEST, files: [] } });
  });

  test("fileDigests adds the selected files' sha256_file", async () => {
    const demo = writeDemoTree(makeTempDir());
    const [all] = await hashDirectories([demo], 1, { fileDigests: "all" });
    expect(all?.ok && Object.fromEntries(all.digest.files.map((file) => [file.rel, file.sha256]))).toEqual(
      DEMO_FILE_DIGESTS,
    );
    const [manifestOnly] = await hashDirectories([demo], 1, { fileDigests: (rel) => rel === "plugin.json" });
    expect(manifestOnly).toMatchObject({
      ok: true,
      digest: { sha256: DEMO_DIGEST, files: [{ rel: "plugin.json", sha256: DEMO_FILE_DIGESTS["plugin.json"] }] },
    });
  });

  test("an empty list and a bad concurrency", async () => {
    expect(await hashDirectories([], 4)).toEqual([]);
    await expect(hashDirectories([], 0)).rejects.toThrow(RangeError);
  });
});
