import {
  mkdirSync,
  readFileSync,
  renameSync,
  statSync,
  symlinkSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { tempDir } from "../../../setup/testing/example-copy.ts";
import { digestTree } from "./tree-digest.ts";

/** A small tree: relative path → bytes (paths from a few names, so directories nest and share names). */
const treeArb = fc.dictionary(
  fc
    .array(fc.constantFrom("a", "b", "plugin.py", "data.json", "x y"), { minLength: 1, maxLength: 3 })
    .map((parts) => parts.join("/")),
  fc.uint8Array({ minLength: 0, maxLength: 64 }),
  { minKeys: 1, maxKeys: 8 },
);

/** Writes the tree; a path that is a prefix of another (a file where a directory must go) is dropped. */
function writeTree(root: string, tree: Record<string, Uint8Array>): string[] {
  const paths = Object.keys(tree).filter((p) => !Object.keys(tree).some((q) => q.startsWith(`${p}/`)));
  for (const rel of paths) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), tree[rel]!);
  }
  return paths.sort();
}

describe("digestTree", () => {
  test("any change to one byte of any file changes the digest, even with the size and mtime restored (no stale answer)", () => {
    fc.assert(
      fc.property(treeArb, fc.nat(), fc.nat(), fc.integer({ min: 1, max: 255 }), (tree, pick, at, delta) => {
        const root = tempDir("digest");
        const paths = writeTree(root, tree);
        const before = digestTree(root);
        const file = join(root, paths[pick % paths.length]!);
        const bytes = readFileSync(file);
        const { atime, mtime } = statSync(file);
        if (bytes.length === 0) writeFileSync(file, Buffer.from([delta]));
        else {
          const i = at % bytes.length;
          bytes[i] = (bytes[i]! + delta) % 256;
          writeFileSync(file, bytes);
          utimesSync(file, atime, mtime);
        }
        expect(digestTree(root)).not.toBe(before);
      }),
      { numRuns: 60, seed: 20261130 },
    );
  });

  test("the digest depends on content and layout only: the same tree written in another order, elsewhere, is equal", () => {
    fc.assert(
      fc.property(treeArb, (tree) => {
        const one = tempDir("digest");
        const two = tempDir("digest");
        writeTree(one, tree);
        writeTree(two, Object.fromEntries(Object.entries(tree).reverse()));
        expect(digestTree(two)).toBe(digestTree(one));
      }),
      { numRuns: 40, seed: 7 },
    );
  });

  test("a renamed file, a moved byte between files, an added empty dir and a retargeted symlink each change it", () => {
    const root = tempDir("digest");
    writeTree(root, { "p/plugin.py": Buffer.from("ab"), "p/q.py": Buffer.from("c") });
    symlinkSync("plugin.py", join(root, "p/link"));
    const seen = new Set([digestTree(root)]);
    const changed = (label: string) => {
      const digest = digestTree(root);
      expect(seen.has(digest), label).toBe(false);
      seen.add(digest);
    };
    renameSync(join(root, "p/q.py"), join(root, "p/r.py"));
    changed("rename");
    writeFileSync(join(root, "p/plugin.py"), "a");
    writeFileSync(join(root, "p/r.py"), "bc");
    changed("a byte moved from one file to the next");
    mkdirSync(join(root, "p/empty"));
    changed("empty dir");
    unlinkSync(join(root, "p/link"));
    symlinkSync("r.py", join(root, "p/link"));
    changed("symlink target");
  });

  test("skipTopLevel leaves out a top-level entry only (.git), not a nested one of the same name", () => {
    const root = tempDir("digest");
    writeTree(root, { "a.py": Buffer.from("x") });
    const before = digestTree(root, { skipTopLevel: [".git"] });
    writeTree(root, { ".git/HEAD": Buffer.from("ref: refs/heads/main") });
    expect(digestTree(root, { skipTopLevel: [".git"] })).toBe(before);
    writeTree(root, { "sub/.git/HEAD": Buffer.from("x") });
    expect(digestTree(root, { skipTopLevel: [".git"] })).not.toBe(before);
  });

  test("maxBytes: a tree with more file content than that has no digest, one within it has one", () => {
    const root = tempDir("digest");
    writeTree(root, { "a.bin": Buffer.alloc(600), "b/c.bin": Buffer.alloc(500) });
    expect(digestTree(root, { maxBytes: 1100 })).toBe(digestTree(root));
    expect(digestTree(root, { maxBytes: 1099 })).toBeNull();
  });
});
