import { describe, expect, test } from "vitest";
import { compatIssues, parseVersion, satisfiesKernel } from "./kernel-compat.ts";

describe("the registry's kernel compat check", () => {
  test.each([
    [">=0.1.0", true],
    [">0.1.0", false],
    ["<0.2.0", true],
    ["==0.1.0", true],
    ["0.1.0", true],
    [">=0.10.0", false],
    // Unpadded tuples, as Python compares them: (0, 1, 0) vs (0, 1).
    ["==0.1", false],
    [">0.1", true],
    ["<=0.1", false],
    [">= v0.1.0", true],
    ["==0.1.0rc1", true],
    ["~0.1", false],
  ])("kernel 0.1.0 vs %j → %j", (requirement, expected) => {
    expect(satisfiesKernel(requirement, "0.1.0")).toBe(expected);
  });

  test("versions parse leniently: leading v, numeric prefix of each component", () => {
    expect(parseVersion(" v0.1.0rc1 ")).toEqual([0, 1, 0]);
    expect(parseVersion("1.x.2")).toEqual([1, 2]);
    expect(parseVersion("vv2.07")).toEqual([2, 7]);
  });

  const manifest = (compat: Record<string, unknown>) => ({ plugin_id: "p.x", compat });
  test("empty requirements are not checked", () => {
    expect(compatIssues(manifest({ requires_kernel: "", requires_schema_versions: [] }), "0.1.0", 7)).toEqual([]);
  });
  test("the platform's texts, schema versions as a Python list, first failure only", () => {
    expect(compatIssues(manifest({ requires_kernel: ">=9", requires_schema_versions: [2] }), "0.1.0", 1)).toEqual([
      { pointer: "/compat/requires_kernel", message: "Plugin p.x requires kernel >=9, have 0.1.0" },
    ]);
    expect(compatIssues(manifest({ requires_kernel: ">=0.1", requires_schema_versions: [1, 2] }), "0.1.0", 3)).toEqual([
      { pointer: "/compat/requires_schema_versions", message: "Plugin p.x requires schema versions [1, 2], have 3" },
    ]);
    expect(compatIssues(manifest({ requires_schema_versions: [1] }), "0.1.0", true)).toEqual([]);
  });
});
