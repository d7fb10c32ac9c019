import { resolve } from "node:path";
import { describe, expect, test, vi } from "vitest";
import { SUITE_ROOT } from "../../shared/options/resolve-options.ts";
import { treeDigest } from "../../commands/writers/testing/tree-digest.ts";
import { runQualify } from "../../commands/writers/testing/run-qualify.ts";

// The registry as a run sees it, plus the test-only tiny platform, which has no lock port.
vi.mock("../../gather/adapters/adapter-registry.ts", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../gather/adapters/adapter-registry.ts")>();
  const { tinyPlatform } = await import("../../gather/adapters/testing/tiny-platform/tiny-platform-adapter.ts");
  const registry = { ...original.ADAPTERS, [tinyPlatform.name]: tinyPlatform };
  return { ...original, ADAPTERS: registry, adapterNamed: (name: string) => original.adapterNamed(name, registry) };
});

const target = resolve(SUITE_ROOT, "qualification/gather/adapters/testing/tiny-platform/fixture");

describe("lock commands on a platform whose adapter has no lock port", () => {
  test.each([
    ["lock update", ["lock", "update", "--reason", "r"]],
    ["lock update --sign-only", ["lock", "update", "--sign-only"]],
    ["lock rollback", ["lock", "rollback", "--latest"]],
    ["lock diff", ["lock", "diff", "a.json", "b.json"]],
  ])("%s: a usage error (exit 2) naming the adapter, nothing written", async (_name, argv) => {
    const before = treeDigest(target);
    const run = await runQualify(argv, { QUALIFY_TARGET: target, QUALIFY_ADAPTER: "tiny-platform" });
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain('error: QUALIFY_ADAPTER: the adapter "tiny-platform" cannot run `qualify lock');
    expect(run.stderr).toContain("(it offers no lock port)");
    expect(treeDigest(target)).toEqual(before);
  });
});
