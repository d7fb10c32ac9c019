import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { HashingError } from "./hashing-error.ts";
import {
  NORMALIZED_SUFFIXES,
  SMALL_FILE_MAX,
  normalizesSuffix,
  pythonSuffix,
  sha256File,
  sha256FileSync,
} from "./sha256-file.ts";
import { DEMO_FILES, DEMO_FILE_DIGESTS, writeDemoTree } from "./testing/demo-tree.ts";
import { makeTempDir } from "./testing/temp-dir.ts";

const sha256 = (bytes: Uint8Array | string): string => createHash("sha256").update(bytes).digest("hex");

describe("pythonSuffix (Path.suffix semantics)", () => {
  test.each([
    [".json", ""],
    [".hidden.txt", ".txt"],
    ["file.", ""],
    ["a.JSON", ".JSON"],
    ["archive.tar.gz", ".gz"],
    ["dir.txt/file", ""],
    ["dir/plugin.py", ".py"],
    ["a..md", ".md"],
    ["", ""],
    ["..", ""],
  ])("%j → %j", (name, suffix) => {
    expect(pythonSuffix(name)).toBe(suffix);
  });
});

describe("normalizesSuffix", () => {
  test("exactly the 14 listed suffixes, matched after lower-casing", () => {
    expect([...NORMALIZED_SUFFIXES].sort()).toEqual([
      ".cfg",
      ".csv",
      ".ini",
      ".json",
      ".md",
      ".ps1",
      ".py",
      ".pyi",
      ".sh",
      ".toml",
      ".tsv",
      ".txt",
      ".yaml",
      ".yml",
    ]);
    for (const suffix of NORMALIZED_SUFFIXES) {
      expect(normalizesSuffix(`x${suffix}`)).toBe(true);
      expect(normalizesSuffix(`x${suffix.toUpperCase()}`)).toBe(true);
    }
  });

  test.each(["blob.bin", "x.pyc", ".json", "file.", "README", "x.jsonl", "x.py.bak"])("%j is hashed raw", (name) => {
    expect(normalizesSuffix(name)).toBe(false);
  });
});

describe("sha256File / sha256FileSync", () => {
  test("the demo tree's per-file digests (as the platform's sha256_file computes them)", async () => {
    const demo = writeDemoTree(makeTempDir());
    for (const [rel, digest] of Object.entries(DEMO_FILE_DIGESTS)) {
      expect(sha256FileSync(join(demo, rel)), rel).toBe(digest);
      expect(await sha256File(join(demo, rel)), rel).toBe(digest);
    }
  });

  test("raw mode hashes the stored bytes (the pre-2026-01-29 algorithm)", async () => {
    const demo = writeDemoTree(makeTempDir());
    expect(sha256FileSync(join(demo, "plugin.py"), { raw: true })).toBe(sha256(DEMO_FILES["plugin.py"]!));
    expect(await sha256File(join(demo, "sub/c.md"), { raw: true })).toBe(sha256(DEMO_FILES["sub/c.md"]!));
  });

  test("a.JSON is normalised; .json (no suffix) is not", () => {
    const dir = makeTempDir();
    writeFileSync(join(dir, "a.JSON"), "{}\r\n");
    writeFileSync(join(dir, ".json"), "{}\r\n");
    expect(sha256FileSync(join(dir, "a.JSON"))).toBe(sha256("{}\n"));
    expect(sha256FileSync(join(dir, ".json"))).toBe(sha256("{}\r\n"));
  });

  test.each([8191, 8192, SMALL_FILE_MAX - 1, SMALL_FILE_MAX])(
    "CRLF split across a read boundary at byte %i",
    async (at) => {
      const dir = makeTempDir();
      const size = SMALL_FILE_MAX + 4096;
      const bytes = Buffer.alloc(size, 0x61);
      bytes[at - 1] = 0x0d;
      bytes[at] = 0x0a;
      bytes[size - 1] = 0x0d;
      writeFileSync(join(dir, "big.txt"), bytes);
      const expected = sha256(
        Buffer.from(bytes.toString("latin1").replaceAll("\r\n", "\n").replaceAll("\r", "\n"), "latin1"),
      );
      expect(sha256FileSync(join(dir, "big.txt"))).toBe(expected);
      expect(await sha256File(join(dir, "big.txt"))).toBe(expected);
    },
  );

  test("an unreadable path is a typed HASH_IO_ERROR carrying the errno", async () => {
    const missing = join(makeTempDir(), "nope.txt");
    expect(() => sha256FileSync(missing)).toThrow(HashingError);
    await expect(sha256File(missing)).rejects.toMatchObject({ code: "HASH_IO_ERROR", errno: "ENOENT" });
  });
});
