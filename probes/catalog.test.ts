import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { catalogInDir } from "../qualification/shared/options/resolve-probe-catalog.ts";
import { CapabilityContract, ProbeCatalogManifest } from "../contracts/probe-spec.ts";
import { EXAMPLE_PLATFORM, EXAMPLE_PROBES, optionsFor } from "../setup/testing/example-copy.ts";
import { findPluginManifest } from "../qualification/gather/adapters/autocapture-nx/probe/find-plugin-manifest.ts";
import { findOrphanSpecs } from "../qualification/gather/probe/find-orphan-specs.ts";
import { catalogPluginIds, CONTRACTS_DIR, loadProbeSpec } from "../qualification/gather/probe/load-probe-spec.ts";
import { normalizeProjectName } from "../qualification/shared/options/target-project-name.ts";

/**
 * Static lint of the committed catalog against the example platform, without running a probe: every spec
 * loads, names a real plugin, includes exactly the contracts that exist for its declared capabilities, and
 * every example plugin but the deprecated one has a spec. The probes themselves run in the e2e tests.
 */
const DEPRECATED = new Set(["builtin.capture.basic"]);
const options = optionsFor(EXAMPLE_PLATFORM);
const exampleIds = readdirSync(join(EXAMPLE_PLATFORM, "plugins/builtin"))
  .map(
    (dir) =>
      JSON.parse(readFileSync(join(EXAMPLE_PLATFORM, "plugins/builtin", dir, "plugin.json"), "utf8")) as {
        plugin_id: string;
      },
  )
  .map((manifest) => manifest.plugin_id)
  .sort();
const contractNames = readdirSync(join(EXAMPLE_PROBES, CONTRACTS_DIR))
  .filter((f) => f.endsWith(".json"))
  .map((f) => f.slice(0, -".json".length))
  .sort();

describe("the example probe catalog", () => {
  test("covers every example plugin except the deprecated capture plugin, and holds no orphan", () => {
    expect(catalogPluginIds(EXAMPLE_PROBES)).toEqual(exampleIds.filter((id) => !DEPRECATED.has(id)));
    expect(findOrphanSpecs(catalogPluginIds(EXAMPLE_PROBES), exampleIds)).toEqual([]);
  });

  test.each(catalogPluginIds(EXAMPLE_PROBES))(
    "%s: loads, is v1.0.0, includes the contracts for its declared capabilities",
    (pluginId) => {
      const loaded = loadProbeSpec(catalogInDir(EXAMPLE_PROBES), pluginId);
      if (!loaded.ok) throw new Error(loaded.detail);
      expect(loaded.spec.spec_version).toBe("1.0.0");
      const manifest = findPluginManifest(options, pluginId);
      expect(manifest).not.toBeNull();
      const declared = new Set([...manifest!.kinds, ...manifest!.provides]);
      expect(loaded.spec.include).toEqual([...declared].filter((cap) => contractNames.includes(cap)).sort());
      // Own steps beyond the contracts: the exact, plugin-specific outputs live in the spec itself.
      expect(loaded.spec.steps.length).toBeGreaterThan(0);
    },
  );

  test.each(contractNames)(
    "capability contract %s parses, names itself, and every step calls that capability",
    (name) => {
      const contract = CapabilityContract.parse(
        JSON.parse(readFileSync(join(EXAMPLE_PROBES, CONTRACTS_DIR, `${name}.json`), "utf8")),
      );
      expect(contract.capability).toBe(name);
      expect(contract.steps.every((s) => s.capability === name && s.via === undefined && !s.requires_service)).toBe(
        true,
      );
    },
  );

  test("the capability contracts the issue asks for exist", () => {
    for (const cap of [
      "time.intent_parser",
      "citation.validator",
      "retrieval.strategy",
      "answer.builder",
      "storage.metadata",
      "ledger.writer",
      "journal.writer",
      "anchor.writer",
      "state.retrieval",
    ])
      expect(existsSync(join(EXAMPLE_PROBES, CONTRACTS_DIR, `${cap}.json`)), cap).toBe(true);
  });
});

describe("every catalog shipped with the suite", () => {
  const root = join(EXAMPLE_PROBES, "..");
  const catalogs = readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);

  test("each folder is a catalog: a valid catalog.json naming itself, and no two catalogs for one project", () => {
    expect(catalogs).toContain("autocapture-nx-example");
    const projects = catalogs.map((name) => {
      const manifest = ProbeCatalogManifest.parse(JSON.parse(readFileSync(join(root, name, "catalog.json"), "utf8")));
      expect(manifest.catalog).toBe(name);
      return normalizeProjectName(manifest.applies_to.project_name);
    });
    expect(new Set(projects).size).toBe(projects.length);
  });

  test.each(catalogs)("%s: every spec and capability contract loads (no SPEC_INVALID ships)", (name) => {
    const catalog = catalogInDir(join(root, name));
    for (const id of catalogPluginIds(catalog.dir)) {
      const loaded = loadProbeSpec(catalog, id);
      expect(loaded.ok, loaded.ok ? id : loaded.detail).toBe(true);
    }
    const contracts = join(root, name, CONTRACTS_DIR);
    for (const file of existsSync(contracts) ? readdirSync(contracts).filter((f) => f.endsWith(".json")) : [])
      expect(
        CapabilityContract.safeParse(JSON.parse(readFileSync(join(contracts, file), "utf8"))).success,
        `${name}/${CONTRACTS_DIR}/${file}`,
      ).toBe(true);
  });
});

describe("the Autocapture NX catalog", () => {
  const dir = join(EXAMPLE_PROBES, "..", "autocapture-nx");
  const manifest = ProbeCatalogManifest.parse(JSON.parse(readFileSync(join(dir, "catalog.json"), "utf8")));

  test("holds exactly one spec per canonical plugin it covers (main@26206dd), and no other", () => {
    expect(manifest.covers?.plugin_ids.length).toBe(74);
    expect(catalogPluginIds(dir)).toEqual([...(manifest.covers?.plugin_ids ?? [])].sort());
  });

  test.each(catalogPluginIds(dir))(
    "%s: names itself, is v1.0.0, and has a step of its own beyond shared contracts",
    (pluginId) => {
      const loaded = loadProbeSpec(catalogInDir(dir), pluginId);
      if (!loaded.ok) throw new Error(loaded.detail);
      expect(loaded.spec.plugin_id).toBe(pluginId);
      expect(loaded.spec.spec_version).toBe("1.0.0");
      expect(loaded.spec.steps.length).toBeGreaterThan(0);
    },
  );
});

describe("the Autocapture NX catalog's capability contracts", () => {
  const dir = join(EXAMPLE_PROBES, "..", "autocapture-nx");
  const names = readdirSync(join(dir, CONTRACTS_DIR))
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.slice(0, -".json".length))
    .sort();
  const included = new Set(
    catalogPluginIds(dir).flatMap(
      (id) => (JSON.parse(readFileSync(join(dir, `${id}.json`), "utf8")) as { include?: string[] }).include ?? [],
    ),
  );

  test.each(names)("%s names itself, calls only its capability, and is shared by the specs that include it", (name) => {
    const contract = CapabilityContract.parse(
      JSON.parse(readFileSync(join(dir, CONTRACTS_DIR, `${name}.json`), "utf8")),
    );
    expect(contract.capability).toBe(name);
    expect(contract.steps.every((s) => s.capability === name && s.via === undefined)).toBe(true);
    // A contract nobody includes proves nothing.
    expect(included.has(name)).toBe(true);
  });
});
