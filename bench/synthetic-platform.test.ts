import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { tempDir } from "../setup/testing/example-copy.ts";
import { sha256DirectorySync } from "../qualification/gather/adapters/autocapture-nx/hashing/sha256-directory.ts";
import { generateSyntheticPlatform } from "./synthetic-platform.ts";
import { generatorFingerprint } from "./synthetic/generator-fingerprint.ts";

test("a cached platform is reused only when the generator that wrote it is the current one", async () => {
  const root = join(tempDir("synthetic"), "platform");
  const first = await generateSyntheticPlatform(root, 3, { reuse: true });
  expect(first).toMatchObject({ reused: false, fileCount: 15 });
  expect((await generateSyntheticPlatform(root, 3, { reuse: true })).reused).toBe(true);
  // Another plugin count, or a stamp from another generator, is rebuilt.
  expect((await generateSyntheticPlatform(root, 4, { reuse: true })).reused).toBe(false);
  const stampPath = join(root, ".git/synthetic-platform.json");
  const stamp = JSON.parse(readFileSync(stampPath, "utf8")) as { generator: string };
  expect(stamp.generator).toBe(generatorFingerprint());
  writeFileSync(stampPath, JSON.stringify({ ...stamp, generator: "0".repeat(64) }));
  expect((await generateSyntheticPlatform(root, 4, { reuse: true })).reused).toBe(false);
});

test("the tree is deterministic and its lock matches the platform's hashing", async () => {
  const a = await generateSyntheticPlatform(join(tempDir("synthetic"), "p"), 2);
  const b = await generateSyntheticPlatform(join(tempDir("synthetic"), "p"), 2);
  for (const [i, dir] of a.pluginDirs.entries())
    expect(sha256DirectorySync(dir)).toBe(sha256DirectorySync(b.pluginDirs[i]!));
  const lock = JSON.parse(readFileSync(join(a.root, "config/plugin_locks.json"), "utf8")) as {
    plugins: Record<string, { artifact_sha256: string }>;
  };
  expect(lock.plugins["synthetic.plugin_00001"]!.artifact_sha256).toBe(sha256DirectorySync(a.pluginDirs[1]!));
});
