import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import { hashPluginDirectory } from "../../qualification/gather/adapters/autocapture-nx/hash-plugin.ts";
import { listHashedFiles } from "../../qualification/gather/adapters/autocapture-nx/hashing/hashed-file-list.ts";
import type { SizeResult } from "../bench-results.ts";
import type { SyntheticPlatform } from "../synthetic-platform.ts";
import { interleaved, median } from "./timing.ts";

const run = promisify(execFile);

export type HashingFigures = SizeResult["hashing"];

/**
 * The suite's per-plugin hashing (`hashPluginDirectory`: walk, order, normalise, artifact + manifest digest, in
 * one pass per plugin, exactly what hash_ok uses) against `sha256sum` over the same files, handed the list
 * ready-made (no walking, no ordering, no normalisation): the unavoidable cost of reading and hashing.
 */
export async function measureHashing(
  platform: SyntheticPlatform,
  workDir: string,
  repeats: number,
): Promise<HashingFigures> {
  const dirs = platform.pluginDirs.map((dir) => relative(platform.root, dir));
  const files = platform.pluginDirs.flatMap((dir) => listHashedFiles(dir).map((f) => f.path));
  const list = join(workDir, `hash-files-${platform.plugins.length}.txt`);
  writeFileSync(list, files.join("\0"));
  const suite = async (): Promise<void> => {
    await Promise.all(dirs.map((dir) => hashPluginDirectory(platform.root, dir, null, "config/plugin_locks.json")));
  };
  const sha256sum = async (): Promise<void> => {
    await run("sh", ["-c", `xargs -0 sha256sum -- < '${list}' > /dev/null`], { maxBuffer: 1024 * 1024 });
  };
  const [suiteSamples, sumSamples] = (await interleaved(repeats, [suite, sha256sum])) as [number[], number[]];
  return {
    suite_ms: median(suiteSamples),
    sha256sum_ms: median(sumSamples),
    suite_samples_ms: suiteSamples,
    sha256sum_samples_ms: sumSamples,
  };
}
