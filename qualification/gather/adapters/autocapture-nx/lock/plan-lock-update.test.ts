import { describe, expect, test } from "vitest";
import { diffLockDocuments } from "../../../../commands/lock-update/diff-lock-documents.ts";
import type { LockRefusal } from "../../lock-port.ts";
import { parseLockfile, serializeLockfile, type LockfileDocument } from "./lockfile.ts";
import { planLockUpdate, type LockUpdateInputs } from "./plan-lock-update.ts";

const h = (c: string) => c.repeat(64);
const extended: LockfileDocument = {
  contract_lock_hash: h("c"),
  generated_at: "2026-01-01T00:00:00+00:00",
  kernel_api_version: "0.1.0",
  plugins: {
    "p.a": {
      artifact_sha256: h("1"),
      contract_lock_hash: h("c"),
      kernel_api_version: "0.1.0",
      manifest_sha256: h("2"),
      sbom: { requirements: [], requirements_sha256: null },
    },
    "p.stale": { artifact_sha256: h("3"), manifest_sha256: h("4") },
  },
  version: 1,
};
const inputs = (over: Partial<LockUpdateInputs>): LockUpdateInputs => ({
  document: extended,
  format: "extended_v1",
  pluginIds: ["p.a"],
  digests: new Map([
    ["p.a", { artifact_sha256: h("a"), manifest_sha256: h("2") }],
    ["p.new", { artifact_sha256: h("b"), manifest_sha256: h("e") }],
  ]),
  kernelApiVersion: "0.1.0",
  contractLockHash: h("d"),
  toExtended: false,
  ...over,
});

describe("planLockUpdate", () => {
  test("one plugin: only its entry changes (extended, with the current contract hash); top level and others kept", () => {
    const plan = planLockUpdate(inputs({}));
    const diff = diffLockDocuments(extended, plan.document);
    expect(diff.changes.map((c) => c.plugin_id)).toEqual(["p.a"]);
    expect(diff.top_level).toEqual([]);
    expect(plan.document.plugins["p.a"]).toEqual({
      artifact_sha256: h("a"),
      contract_lock_hash: h("d"),
      kernel_api_version: "0.1.0",
      manifest_sha256: h("2"),
      sbom: { requirements: [], requirements_sha256: null },
    });
    expect(plan.document.plugins["p.stale"]).toEqual(extended.plugins["p.stale"]);
    expect(plan.text).toBe(serializeLockfile(plan.document));
    expect(plan.text.endsWith("}")).toBe(true);
  });

  test("every plugin: the map is rebuilt from the digests (stale entries dropped) and the top-level hashes refreshed", () => {
    const plan = planLockUpdate(inputs({ pluginIds: null }));
    const diff = diffLockDocuments(extended, plan.document);
    expect(Object.keys(plan.document.plugins)).toEqual(["p.a", "p.new"]);
    expect(diff.top_level).toEqual([{ field: "contract_lock_hash", before: h("c"), after: h("d") }]);
    expect(diff.changes.map((c) => [c.plugin_id, c.before === null, c.after === null])).toEqual([
      ["p.a", false, false],
      ["p.new", true, false],
      ["p.stale", false, true],
    ]);
  });

  test("a minimal file stays minimal; converting needs every plugin and a readable kernel version and contract lock", () => {
    const minimal = {
      generated_at: "g",
      plugins: { "p.a": { artifact_sha256: h("1"), manifest_sha256: h("2") } },
      version: 1 as const,
    };
    const plan = planLockUpdate(inputs({ document: minimal, format: "minimal_v1" }));
    expect(plan.document.plugins["p.a"]).toEqual({ artifact_sha256: h("a"), manifest_sha256: h("2") });
    expect(parseLockfile(plan.text, "x")).toMatchObject({ ok: true, lock: { format: "minimal_v1" } });
    const code = (over: Partial<LockUpdateInputs>) => {
      try {
        planLockUpdate(inputs(over));
        return null;
      } catch (error) {
        return (error as LockRefusal).code;
      }
    };
    expect(code({ document: minimal, format: "minimal_v1", toExtended: true })).toBe("FORMAT_CHANGE_NEEDS_ALL");
    expect(code({ kernelApiVersion: null })).toBe("KERNEL_VERSION_UNKNOWN");
    expect(code({ contractLockHash: null })).toBe("CONTRACT_LOCK_MISSING");
    const converted = planLockUpdate(
      inputs({ document: minimal, format: "minimal_v1", toExtended: true, pluginIds: null }),
    );
    expect(parseLockfile(converted.text, "x")).toMatchObject({
      ok: true,
      lock: { format: "extended_v1", contract_lock_hash: h("d") },
    });
  });

  test("a plugin ID such as __proto__ stays an entry, never a prototype", () => {
    const plan = planLockUpdate(
      inputs({
        pluginIds: ["__proto__"],
        digests: new Map([["__proto__", { artifact_sha256: h("a"), manifest_sha256: h("b") }]]),
      }),
    );
    expect(Object.hasOwn(plan.document.plugins, "__proto__")).toBe(true);
    expect(plan.text).toContain('"__proto__": {');
  });
});
