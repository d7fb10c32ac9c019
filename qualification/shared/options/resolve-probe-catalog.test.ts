import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { tempDir } from "../../../setup/testing/example-copy.ts";
import { resolveProbeCatalog, TARGET_CATALOG } from "./resolve-probe-catalog.ts";
import { normalizeProjectName, targetProjectName } from "./target-project-name.ts";

function target(projectName: string | null, carries = false): string {
  const root = tempDir("target");
  if (projectName !== null)
    writeFileSync(
      join(root, "pyproject.toml"),
      `[build-system]\nname = "not this"\n\n[project]\nname = "${projectName}"\nversion = "0.1.0"\n`,
    );
  if (carries) mkdirSync(join(root, TARGET_CATALOG), { recursive: true });
  return root;
}

function suite(catalogs: Record<string, string>): string {
  const dir = join(tempDir("suite"), "probes");
  for (const [name, project] of Object.entries(catalogs)) {
    mkdirSync(join(dir, name), { recursive: true });
    writeFileSync(
      join(dir, name, "catalog.json"),
      JSON.stringify({ catalog: name, catalog_version: "1.2.0", applies_to: { project_name: project } }),
    );
  }
  return dir;
}

describe("which probe catalog applies to a target", () => {
  const catalogs = suite({ "autocapture-nx": "autocapture_nx", "autocapture-nx-example": "autocapture-nx-example" });

  test("a shipped catalog applies only to the project it names (PEP 503 names): never the example's to the real platform", () => {
    expect(resolveProbeCatalog(target("autocapture_nx"), null, catalogs)).toMatchObject({
      source: "suite",
      name: "autocapture-nx",
      version: "1.2.0",
      display: "probes/autocapture-nx",
    });
    expect(resolveProbeCatalog(target("Autocapture.NX-Example"), null, catalogs)).toMatchObject({
      source: "suite",
      name: "autocapture-nx-example",
    });
  });

  test("the target's own catalog wins over a shipped one; QUALIFY_PROBES wins over both", () => {
    const carrying = target("autocapture_nx", true);
    expect(resolveProbeCatalog(carrying, null, catalogs)).toMatchObject({
      source: "target",
      dir: join(carrying, TARGET_CATALOG),
      display: TARGET_CATALOG,
    });
    const mine = tempDir("mine");
    expect(resolveProbeCatalog(carrying, mine, catalogs)).toMatchObject({ source: "env", dir: mine });
  });

  test("no catalog for an unknown project, or a target without a project name: none, saying why", () => {
    expect(resolveProbeCatalog(target("someone-else"), null, catalogs)).toMatchObject({
      source: "none",
      dir: null,
      why: expect.stringContaining("project someone-else"),
    });
    expect(resolveProbeCatalog(target(null), null, catalogs)).toMatchObject({
      source: "none",
      why: expect.stringContaining("without a pyproject.toml"),
    });
  });

  test("only [project] name counts; names compare in their normal form", () => {
    expect(targetProjectName(target("My_Platform.x"))).toBe("my-platform-x");
    expect(normalizeProjectName("a__b--c..d")).toBe("a-b-c-d");
  });
});
