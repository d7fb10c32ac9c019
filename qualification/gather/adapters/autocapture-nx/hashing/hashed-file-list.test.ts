import { execFileSync } from "node:child_process";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { HashingError } from "./hashing-error.ts";
import { listHashedFiles } from "./hashed-file-list.ts";
import { writeDemoTree, writeTree } from "./testing/demo-tree.ts";
import { makeTempDir } from "./testing/temp-dir.ts";

const rels = (root: string): string[] => listHashedFiles(root).map((file) => file.rel);

function caught(run: () => unknown): HashingError {
  try {
    run();
  } catch (error) {
    if (error instanceof HashingError) return error;
    throw error;
  }
  throw new Error("expected a HashingError");
}

const hasMkfifo = (() => {
  try {
    execFileSync("mkfifo", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

describe("listHashedFiles", () => {
  test("the demo tree lists in platform order, bytecode excluded", () => {
    expect(rels(writeDemoTree(makeTempDir()))).toEqual([
      "a.txt",
      "B.txt",
      "blob.bin",
      "plugin.json",
      "plugin.py",
      "sub/c.md",
    ]);
  });

  test("exclusions follow Python: any __pycache__ component, suffix exactly .pyc", () => {
    const root = writeTree(makeTempDir(), {
      "x.pyc": Buffer.from("1"),
      "x.PYC": Buffer.from("2"),
      ".pyc": Buffer.from("3"),
      "x.pyc.bak": Buffer.from("4"),
      "a/__pycache__/b/c.txt": Buffer.from("5"),
      "d/__pycache__": Buffer.from("6"),
      "__pycache__x/ok.py": Buffer.from("7"),
      ".hidden": Buffer.from("8"),
    });
    expect(rels(root)).toEqual([".hidden", ".pyc", "__pycache__x/ok.py", "x.PYC", "x.pyc.bak"]);
  });

  test("a root below a __pycache__ directory hashes nothing, as Python's file_path.parts check implies", () => {
    const root = writeTree(join(makeTempDir(), "__pycache__", "plugin"), { "plugin.py": Buffer.from("x") });
    expect(rels(root)).toEqual([]);
  });

  test.each([
    ["a file", (root: string) => symlinkSync(join(root, "a.txt"), join(root, "link.txt"))],
    ["a directory", (root: string) => symlinkSync(join(root, "sub"), join(root, "linked-dir"))],
    ["nothing (dangling)", (root: string) => symlinkSync(join(root, "gone"), join(root, "dangling"))],
  ])("a symlink to %s is SYMLINK_IN_PLUGIN_DIR", (_kind, link) => {
    const root = writeDemoTree(makeTempDir());
    link(root);
    const error = caught(() => listHashedFiles(root));
    expect(error.code).toBe("SYMLINK_IN_PLUGIN_DIR");
    expect(error.platformError).toMatch(/^symlinks are not allowed in hashed directories: /);
  });

  test("every symlink is reported, in platform order, including ones inside __pycache__", () => {
    const root = writeDemoTree(makeTempDir());
    symlinkSync("plugin.py", join(root, "Zed.py"));
    symlinkSync("../plugin.py", join(root, "__pycache__", "x.py"));
    symlinkSync("plugin.py", join(root, "alpha.pyc"));
    const error = caught(() => listHashedFiles(root));
    expect(error.rels).toEqual(["__pycache__/x.py", "alpha.pyc", "Zed.py"]);
    expect(error.rel).toBe("__pycache__/x.py");
    expect(error.platformError).toBe(
      `symlinks are not allowed in hashed directories: ${join(root, "__pycache__/x.py")}`,
    );
  });

  test.runIf(hasMkfifo)("a FIFO is skipped, not read", () => {
    const root = writeDemoTree(makeTempDir());
    execFileSync("mkfifo", [join(root, "pipe.txt")]);
    expect(rels(root)).not.toContain("pipe.txt");
  });

  test("a name that is not UTF-8 is HASH_IO_ERROR (the platform cannot encode it either)", () => {
    const root = writeDemoTree(makeTempDir());
    writeFileSync(Buffer.concat([Buffer.from(`${root}/bad-`), Buffer.from([0xff]), Buffer.from(".txt")]), "x");
    const error = caught(() => listHashedFiles(root));
    expect(error).toMatchObject({ code: "HASH_IO_ERROR", errno: "EILSEQ", rel: "bad-\\xff.txt" });
  });

  test("a name that legitimately contains U+FFFD is hashed normally", () => {
    const root = writeTree(makeTempDir(), { "odd-\ufffd.txt": Buffer.from("x") });
    expect(rels(root)).toEqual(["odd-\ufffd.txt"]);
  });

  test.each([
    ["missing", (dir: string) => join(dir, "absent"), "ENOENT"],
    ["a file", (dir: string) => (writeFileSync(join(dir, "f"), "x"), join(dir, "f")), "ENOTDIR"],
  ])("a root that is %s is HASH_IO_ERROR", (_kind, makeRoot, errno) => {
    const root = makeRoot(makeTempDir());
    expect(caught(() => listHashedFiles(root))).toMatchObject({ code: "HASH_IO_ERROR", errno, rel: "" });
  });

  test("empty directories contribute nothing", () => {
    const root = writeTree(makeTempDir(), { "b.txt": Buffer.from("x") });
    mkdirSync(join(root, "empty", "deeper"), { recursive: true });
    expect(rels(root)).toEqual(["b.txt"]);
  });
});
