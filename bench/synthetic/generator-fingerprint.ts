import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { createHash } from "node:crypto";
import { SUITE_ROOT } from "../../qualification/shared/options/resolve-options.ts";

/**
 * Everything a generated synthetic platform is a function of: the generator's own code, the example platform
 * it copies its Python package and contracts from, and the suite code that computes its locks. A cached
 * platform whose recorded fingerprint differs from this one is stale and is rebuilt, so editing any of these
 * can never leave the benchmark measuring a platform the current generator would not write.
 */
const INPUTS = [
  "bench/synthetic-platform.ts",
  "bench/synthetic",
  "fixtures/example-platform/autocapture_nx",
  "fixtures/example-platform/pyproject.toml",
  "fixtures/example-platform/config/default.json",
  "fixtures/example-platform/contracts",
  "qualification/gather/adapters/autocapture-nx/hashing",
  "qualification/shared/json/python-json-dumps.ts",
] as const;

function files(path: string): string[] {
  if (statSync(path).isFile()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .filter((entry) => entry.name !== "__pycache__" && !entry.name.endsWith(".test.ts"))
    .flatMap((entry) => files(join(path, entry.name)))
    .sort();
}

export function generatorFingerprint(): string {
  const hash = createHash("sha256");
  for (const input of INPUTS) {
    for (const file of files(join(SUITE_ROOT, input))) {
      hash.update(`${relative(SUITE_ROOT, file)}\0`);
      hash.update(readFileSync(file));
      hash.update("\0");
    }
  }
  return hash.digest("hex");
}
