import { createHash } from "node:crypto";
import { lstatSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { SMALL_FILE_MAX } from "./sha256-file.ts";
import { digestDirectory, digestDirectorySync, sha256Directory, sha256DirectorySync } from "./sha256-directory.ts";
import { DEMO_DIGEST, DEMO_FILE_DIGESTS, writeDemoTree, writeTree } from "./testing/demo-tree.ts";
import { makeTempDir } from "./testing/temp-dir.ts";

const sha256 = (bytes: Uint8Array | string): string => createHash("sha256").update(bytes).digest("hex");
const normalized = (bytes: Uint8Array): Buffer =>
  Buffer.from(Buffer.from(bytes).toString("latin1").replaceAll("\r\n", "\n").replaceAll("\r", "\n"), "latin1");

/**
 * Deliberately naive and independent of the implementation: whole-file reads, regex suffix rule, and ASCII-only
 * names so that casefold is plain lower-casing and `<` is code-point order.
 */
function naiveDirectoryDigest(root: string): string {
  const files: Array<{ rel: string; abs: string; name: string }> = [];
  const walk = (dir: string, rel: string, inPycache: boolean): void => {
    for (const name of readdirSync(dir)) {
      const abs = join(dir, name);
      const childRel = rel === "" ? name : `${rel}/${name}`;
      const stat = lstatSync(abs);
      if (stat.isDirectory()) walk(abs, childRel, inPycache || name === "__pycache__");
      else if (stat.isFile() && !inPycache && name !== "__pycache__" && !/^.+\.pyc$/s.test(name))
        files.push({ rel: childRel, abs, name });
    }
  };
  walk(root, "", false);
  const key = (rel: string): [string, string] => [rel.toLowerCase(), rel];
  files.sort((a, b) => {
    const [x, y] = [key(a.rel), key(b.rel)];
    return x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0;
  });
  const textSuffix = /^.+\.(py|pyi|json|md|txt|toml|yaml|yml|ini|cfg|ps1|sh|csv|tsv)$/is;
  const stream = files.flatMap(({ rel, abs, name }) => {
    const content = readFileSync(abs);
    return [Buffer.from(rel, "utf8"), textSuffix.test(name) ? normalized(content) : content];
  });
  return sha256(Buffer.concat(stream));
}

const segment = fc.constantFrom("a", "B", "b", "_x", "A", "plugin", "sub", "__pycache__", "Zeta", ".hidden");
const suffix = fc.constantFrom("", ".txt", ".TXT", ".bin", ".pyc", ".PYC", ".json", ".md", ".py", ".", ".sh");
const content = fc
  .uint8Array({ maxLength: 24 })
  .map((raw) => Uint8Array.from(raw, (b) => [0x0d, 0x0a, 0x61, b][b % 4]!));
const entry = fc.record({
  dirs: fc.array(fc.constantFrom("sub", "Sub", "__pycache__", "d.txt"), { maxLength: 2 }),
  base: segment,
  suffix,
  content,
});

/** Random small trees; entries whose path collides with another's file/directory role are dropped. */
const tree = fc.array(entry, { minLength: 1, maxLength: 10 }).map((entries) => {
  const files: Record<string, Uint8Array> = {};
  const dirs = new Set<string>();
  for (const { dirs: parts, base, suffix: ext, content: bytes } of entries) {
    const rel = [...parts, `${base}${ext}`].join("/");
    const prefixes = parts.map((_, i) => parts.slice(0, i + 1).join("/"));
    if (dirs.has(rel) || rel in files || prefixes.some((prefix) => prefix in files)) continue;
    prefixes.forEach((prefix) => dirs.add(prefix));
    files[rel] = bytes;
  }
  return files;
});

describe("sha256Directory", () => {
  test("the demo tree's digest (as the platform's sha256_directory computes it), by every entry point", async () => {
    const demo = writeDemoTree(makeTempDir());
    expect(await sha256Directory(demo)).toBe(DEMO_DIGEST);
    expect(sha256DirectorySync(demo)).toBe(DEMO_DIGEST);
    const order = ["a.txt", "B.txt", "blob.bin", "plugin.json", "plugin.py", "sub/c.md"];
    for (const digest of [await digestDirectory(demo), digestDirectorySync(demo)]) {
      expect(digest.sha256).toBe(DEMO_DIGEST);
      expect(digest.files).toEqual(order.map((rel) => ({ rel, sha256: DEMO_FILE_DIGESTS[rel] })));
    }
  });

  test("the demo tree's byte stream is what the digest covers: rel then content, no separators", () => {
    const stream =
      'a.txtaB.txtBblob.bin\x00\r\nplugin.json{"plugin_id": "demo.plugin"}\nplugin.pyprint("hi")\nsub/c.mdx\ny';
    expect(sha256(Buffer.from(stream, "latin1"))).toBe(DEMO_DIGEST);
  });

  test(".PYC is hashed, .pyc is not", () => {
    const demo = writeDemoTree(makeTempDir());
    writeFileSync(join(demo, "more.pyc"), "ignored");
    expect(sha256DirectorySync(demo)).toBe(DEMO_DIGEST);
    writeFileSync(join(demo, "UPPER.PYC"), "counted");
    expect(sha256DirectorySync(demo)).not.toBe(DEMO_DIGEST);
  });

  test("a lone CR and an LF are the same to the lock in a normalised file (a platform property worth knowing)", () => {
    const a = writeTree(makeTempDir(), { "n.txt": Buffer.from("a\rb") });
    const b = writeTree(makeTempDir(), { "n.txt": Buffer.from("a\nb") });
    expect(sha256DirectorySync(a)).toBe(sha256DirectorySync(b));
  });

  test.each([SMALL_FILE_MAX - 1, SMALL_FILE_MAX, 2 * SMALL_FILE_MAX - 1])(
    "a large (streamed) file with CRLF split at byte %i",
    async (at) => {
      const bytes = Buffer.alloc(2 * SMALL_FILE_MAX + 10, 0x62);
      bytes[at - 1] = 0x0d;
      bytes[at] = 0x0a;
      const root = writeTree(makeTempDir(), { "big.md": bytes, "small.txt": Buffer.from("s\r\n") });
      const expected = sha256(Buffer.concat([Buffer.from("big.md"), normalized(bytes), Buffer.from("small.txts\n")]));
      expect(await sha256Directory(root)).toBe(expected);
      expect(sha256DirectorySync(root)).toBe(expected);
    },
  );

  test("property: equals a naive whole-file reference on random small trees", async () => {
    await fc.assert(
      fc.asyncProperty(tree, async (files) => {
        const root = writeTree(makeTempDir(), files);
        const expected = naiveDirectoryDigest(root);
        expect(await sha256Directory(root)).toBe(expected);
        expect(sha256DirectorySync(root)).toBe(expected);
      }),
      { numRuns: 60 },
    );
  });

  test("property: flipping one byte of a hashed file changes the digest exactly when its normalised content changes", () => {
    fc.assert(
      fc.property(tree, fc.nat(), fc.nat(), fc.integer({ min: 1, max: 255 }), (files, pick, position, mask) => {
        const root = writeTree(makeTempDir(), files);
        const hashed = digestDirectorySync(root).files.filter((file) => readFileSync(join(root, file.rel)).length > 0);
        fc.pre(hashed.length > 0);
        const target = hashed[pick % hashed.length]!;
        const path = join(root, target.rel);
        const before = readFileSync(path);
        const after = Buffer.from(before);
        after[position % after.length]! ^= mask;
        const digestBefore = sha256DirectorySync(root);
        writeFileSync(path, after);
        const text =
          /\.(py|pyi|json|md|txt|toml|yaml|yml|ini|cfg|ps1|sh|csv|tsv)$/i.test(target.rel) &&
          !/(^|\/)\.[^./]+$/.test(target.rel);
        const contentChanged = text ? !normalized(before).equals(normalized(after)) : true;
        expect(sha256DirectorySync(root) !== digestBefore).toBe(contentChanged);
      }),
      { numRuns: 60 },
    );
  });
});
