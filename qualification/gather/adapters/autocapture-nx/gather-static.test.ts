import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { copyExample, editJson, tempDir } from "../../../../setup/testing/example-copy.ts";
import { gatherStatic } from "./gather-static.ts";

const P = "builtin.state.jepa_like";
const P_DIR = "plugins/builtin/state_jepa_like";

const gather = (root: string, env: Record<string, string> = {}) =>
  gatherStatic(
    {
      root,
      configDir: tempDir("cfg"),
      dataDir: tempDir("data"),
      safeMode: false,
      platformEnv: env,
      requireLockSignature: false,
      keyringFile: null,
      signatureFile: null,
    },
    null,
  );
/** A second directory holding P's manifest (and module), optionally edited. */
const cloneP = (root: string, dir: string, edit: (m: Record<string, any>) => void = () => {}): void => {
  mkdirSync(join(root, dir), { recursive: true });
  cpSync(join(root, P_DIR), join(root, dir), { recursive: true });
  editJson(root, `${dir}/plugin.json`, edit);
};

describe("manifest schema unavailable: the platform rejects every manifest", () => {
  test.each([
    [
      "missing",
      (root: string) => rmSync(join(root, "contracts/plugin_manifest.schema.json")),
      /Missing plugin manifest schema/,
    ],
    [
      "unparsable",
      (root: string) => writeFileSync(join(root, "contracts/plugin_manifest.schema.json"), "{nope"),
      /invalid JSON/,
    ],
  ])("%s schema → a MANIFEST_SCHEMA fault on every manifest and a run-level fault", async (_name, breakIt, message) => {
    const { root } = copyExample();
    breakIt(root);
    const gathered = await gather(root);
    expect(gathered.manifests.size).toBeGreaterThan(10);
    for (const [id, facts] of gathered.manifests) {
      expect(facts.fault?.code, id).toBe("MANIFEST_SCHEMA");
      expect(facts.fault?.detail, id).toMatch(message);
    }
    expect(gathered.unattributedManifestFaults.map((f) => f.code)).toEqual(["MANIFEST_SCHEMA"]);
  });
});

describe("duplicate plugin IDs: the registry keeps the LAST manifest in pathlib order", () => {
  test("paths sort component-wise: a/b/plugin.json before a-b/plugin.json, so a-b's manifest is used", async () => {
    const { root } = copyExample();
    cloneP(root, "plugins/builtin/dup/x", (m) => (m.version = "1.0.0"));
    cloneP(root, "plugins/builtin/dup-x", (m) => (m.version = "2.0.0"));
    rmSync(join(root, P_DIR), { recursive: true });
    const gathered = await gather(root);
    expect(gathered.manifests.get(P)?.path).toBe("plugins/builtin/dup-x/plugin.json");
    expect(gathered.manifests.get(P)?.version).toBe("2.0.0");
    expect(gathered.duplicateManifests).toEqual([
      { plugin_id: P, manifests: ["plugins/builtin/dup/x/plugin.json", "plugins/builtin/dup-x/plugin.json"] },
    ]);
  });

  test("a later manifest the platform rejects does not replace a valid one", async () => {
    const { root } = copyExample();
    cloneP(root, "plugins/builtin/zz_broken", (m) => (m.unexpected = true));
    const gathered = await gather(root);
    expect(gathered.manifests.get(P)).toMatchObject({ path: `${P_DIR}/plugin.json`, fault: null });
    expect(gathered.duplicateManifests.map((d) => d.plugin_id)).toEqual([P]);
  });
});

describe("compat check semantics", () => {
  test.each([
    [{ requires_kernel: "==0.1", requires_schema_versions: [1] }, `Plugin ${P} requires kernel ==0.1, have 0.1.0`],
    [
      { requires_kernel: ">=0.1", requires_schema_versions: [2, 3] },
      `Plugin ${P} requires schema versions [2, 3], have 1`,
    ],
    [{ requires_kernel: "", requires_schema_versions: [] }, null],
    [{ requires_kernel: "v0.1.0rc1", requires_schema_versions: [1] }, null],
  ])("compat %j → %s", async (compat, error) => {
    const { root } = copyExample();
    editJson(root, `${P_DIR}/plugin.json`, (m) => (m.compat = compat));
    const fault = (await gather(root)).manifests.get(P)?.fault ?? null;
    expect(fault === null ? null : fault.issues.map((i) => i.message).join("; ")).toBe(error);
    if (fault) expect(fault.code).toBe("MANIFEST_COMPAT");
  });

  test("the schema version comes from top-level schema_version before kernel.schema_version", async () => {
    const { root } = copyExample();
    editJson(root, "config/default.json", (c) => (c.schema_version = 2));
    expect((await gather(root)).manifests.get(P)?.fault?.issues[0]?.message).toBe(
      `Plugin ${P} requires schema versions [1], have 2`,
    );
  });
});

describe("config IDs as the registry normalises them", () => {
  test("surrounding whitespace is stripped and empty IDs are dropped before the facts and the inventory", async () => {
    const { root } = copyExample();
    editJson(root, "config/default.json", (c) => {
      c.plugins.allowlist = c.plugins.allowlist.map((id: string) => (id === P ? ` ${P}\t` : id)).concat(["", "  "]);
      c.plugins.enabled[` ${P} `] = false;
    });
    const gathered = await gather(root);
    expect(gathered.registry(P)).toMatchObject({ allowlisted: true, enabled_map: false });
    expect((await gathered.pluginStatic(P)).config).toMatchObject({
      allowlisted: true,
      enablement: { enabled: false, code: "DISABLED_IN_CONFIG" },
    });
    const allowlist = gathered.inventoryInputs.references.find((r) => r.source === "allowlist")!.ids;
    expect(allowlist).toContain(P);
    expect(allowlist.filter((id) => id.trim() !== id || id === "")).toEqual([]);
  });

  test.each([
    ["in place (path order = ID order)", null, P],
    [
      "with jepa_like moved after vector_linear in path order",
      "plugins/builtin/zz_jepa",
      "builtin.state.vector.linear",
    ],
  ])(
    "two plugins replacing one old ID, %s: the first by manifest path owns the alias",
    async (_name, moveTo, owner) => {
      const { root } = copyExample();
      editJson(root, "plugins/builtin/state_vector_linear/plugin.json", (m) => (m.replaces = ["builtin.old.state"]));
      editJson(root, `${P_DIR}/plugin.json`, (m) => (m.replaces = [" builtin.old.state "]));
      if (moveTo) {
        cpSync(join(root, P_DIR), join(root, moveTo), { recursive: true });
        rmSync(join(root, P_DIR), { recursive: true });
      }
      editJson(root, "config/default.json", (c) => (c.plugins.enabled["builtin.old.state"] = false));
      const gathered = await gather(root);
      // The owner gets the old ID's `false` (a later key than its own `true`); the other keeps its own entry.
      for (const id of [P, "builtin.state.vector.linear"])
        expect(gathered.registry(id).enabled_map, id).toBe(id !== owner);
    },
  );
});

describe("lockfile that cannot be read as a file", () => {
  test.each([
    ["missing", (path: string) => rmSync(path), "LOCKFILE_MISSING", /Missing plugin lockfile/],
    ["a directory", (path: string) => (rmSync(path), mkdirSync(path)), "LOCKFILE_INVALID", /not a regular file/],
    [
      "over the JSON size limit",
      (path: string) => writeFileSync(path, " ".repeat(33 * 1024 * 1024)),
      "LOCKFILE_INVALID",
      /over the .*-byte limit/,
    ],
  ])("%s → a lock fault with the file named, no exception, no lock entries", async (_name, breakIt, code, detail) => {
    const { root } = copyExample();
    breakIt(join(root, "config/plugin_locks.json"));
    const gathered = await gather(root);
    expect(gathered.lock.evidence.fault).toMatchObject({ code, file: "config/plugin_locks.json" });
    expect(gathered.lock.evidence.fault?.detail).toMatch(detail);
    expect(gathered.lock.entries.size).toBe(0);
  });
});
