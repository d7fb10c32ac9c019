import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { stableJson } from "../../shared/canonical/canonical-json.ts";
import { buildInventory, type InventoryInputs } from "./build-inventory.ts";

const inputs = (over: Partial<InventoryInputs> = {}): InventoryInputs => ({
  platform: "autocapture-nx",
  references: [
    { source: "allowlist", ids: ["a.plugin", "b.vlm", "builtin.capture.basic", "phantom.id"] },
    { source: "default_pack", ids: ["a.plugin", "not.allowed"] },
    { source: "enabled", ids: ["a.plugin", "b.vlm"] },
  ],
  manifests: new Map([
    ["a.plugin", "plugins/builtin/a/plugin.json"],
    ["b.vlm", "plugins/builtin/b/plugin.json"],
    ["builtin.capture.basic", "plugins/builtin/capture/plugin.json"],
    ["not.allowed", "plugins/builtin/n/plugin.json"],
    ["stray", "plugins/builtin/stray/plugin.json"],
  ]),
  duplicateManifests: [],
  deprecated: new Map([["builtin.capture.basic", "hard-disabled capture plugin"]]),
  serviceBacked: new Map([["b.vlm", "plugins.permissions.localhost_allowed_plugin_ids"]]),
  allowlisted: (id) => ["a.plugin", "b.vlm", "builtin.capture.basic", "phantom.id"].includes(id),
  platformBucket: () => null,
  sources: [{ path: "config/default.json", role: "config_default", sha256: "0".repeat(64) }],
  ...over,
});

describe("buildInventory", () => {
  test("labels every referenced ID once: required, service-backed, deprecated", () => {
    const inventory = buildInventory(inputs());
    const category = Object.fromEntries(inventory.plugins.map((p) => [p.plugin_id, p.category]));
    expect(category).toEqual({
      "a.plugin": "active_required",
      "b.vlm": "active_optional_service_backed",
      "builtin.capture.basic": "deprecated_removed",
      "not.allowed": "active_required",
      "phantom.id": "active_required",
    });
    expect(inventory.plugins.find((p) => p.plugin_id === "a.plugin")?.referenced_by).toEqual([
      "allowlist",
      "default_pack",
      "enabled",
    ]);
  });

  test("an ID with no manifest is unresolved unless the deprecation manifest retires it", () => {
    expect(buildInventory(inputs()).unresolved_ids).toEqual([
      { plugin_id: "phantom.id", referenced_by: ["allowlist"] },
    ]);
    const retired = buildInventory(inputs({ deprecated: new Map([["phantom.id", "removed in 2026"]]) }));
    expect(retired.unresolved_ids).toEqual([]);
    expect(retired.plugins.find((p) => p.plugin_id === "phantom.id")?.category).toBe("deprecated_removed");
  });

  test("reports hygiene: unreferenced manifests, pack entries that are not allowlisted, duplicates", () => {
    const inventory = buildInventory(
      inputs({
        references: [
          ...inputs().references,
          { source: "enabled", ids: [] },
          { source: "allowlist", ids: ["a.plugin", "a.plugin"] },
        ],
      }),
    );
    expect(inventory.unreferenced_manifests).toEqual([
      { plugin_id: "stray", manifest: "plugins/builtin/stray/plugin.json" },
    ]);
    const codes = inventory.hygiene.map((h) => `${h.code}:${h.plugin_id}`);
    expect(codes).toContain("NOT_ALLOWLISTED_BUT_REFERENCED:not.allowed");
    expect(codes).toContain("REFERENCED_WITHOUT_MANIFEST:phantom.id");
    expect(codes).toContain("MANIFEST_NOT_ALLOWLISTED:stray");
    expect(codes).toContain("DUPLICATE_REFERENCE:a.plugin");
  });

  test("reports every plugin where the listing rule and the registry rule disagree about enabled", () => {
    const inventory = buildInventory(
      inputs({ enabledRulesDisagree: (id) => (id === "b.vlm" ? "list says true, registry says false" : null) }),
    );
    expect(inventory.hygiene.filter((h) => h.code === "ENABLED_FLAG_DISAGREES_WITH_LIST")).toEqual([
      { code: "ENABLED_FLAG_DISAGREES_WITH_LIST", plugin_id: "b.vlm", detail: "list says true, registry says false" },
    ]);
  });

  test("inventory_sha256 covers the canonical bytes: any label change changes it", () => {
    const a = buildInventory(inputs());
    const b = buildInventory(inputs({ serviceBacked: new Map() }));
    expect(a.inventory_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(a.inventory_sha256).not.toBe(b.inventory_sha256);
  });

  test("property: reordering any config list (and the sources) never changes a byte", () => {
    const base = inputs();
    const expected = stableJson(buildInventory(base));
    fc.assert(
      fc.property(
        fc.tuple(
          ...base.references.map((r) =>
            fc.shuffledSubarray([...r.ids], { minLength: r.ids.length, maxLength: r.ids.length }),
          ),
        ),
        fc.boolean(),
        (shuffled, reverseLists) => {
          const references = base.references.map((r, i) => ({ source: r.source, ids: shuffled[i]! }));
          const reordered = buildInventory({
            ...base,
            references: reverseLists ? references.reverse() : references,
            sources: [...base.sources].reverse(),
          });
          expect(stableJson(reordered)).toBe(expected);
        },
      ),
    );
  });
});
