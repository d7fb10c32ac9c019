import { appendFileSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { copyExample, optionsFor } from "../../setup/testing/example-copy.ts";
import { stableJson } from "../shared/canonical/canonical-json.ts";
import { QualificationSession } from "./qualification-session.ts";

async function staticMatrix(root: string, out: string): Promise<Record<string, Record<string, string>>> {
  const session = await QualificationSession.open(optionsFor(root, { QUALIFY_OUT: out }));
  try {
    const matrix: Record<string, Record<string, string>> = {};
    for (const plugin of session.plan.plugins) {
      if (plugin.category === "deprecated_removed") continue;
      const v = await session.staticVerdicts(plugin.plugin_id);
      matrix[plugin.plugin_id] = Object.fromEntries(
        Object.entries(v).map(([check, verdict]) => [check, `${verdict.status}:${verdict.reason ?? ""}`]),
      );
    }
    return matrix;
  } finally {
    session.close();
  }
}

function pluginFiles(root: string): string[] {
  const base = join(root, "plugins/builtin");
  return readdirSync(base).flatMap((dir) =>
    readdirSync(join(base, dir)).map((file) => join("plugins/builtin", dir, file)),
  );
}

describe("static qualification on copies of the example platform", () => {
  test("the pristine example passes allowlisted, hash_ok and enabled for every active plugin", async () => {
    const { root, out } = copyExample();
    const matrix = await staticMatrix(root, out);
    expect(Object.keys(matrix).length).toBeGreaterThanOrEqual(12);
    for (const [id, checks] of Object.entries(matrix))
      expect(checks, id).toEqual({ allowlisted: "pass:", hash_ok: "pass:", enabled: "pass:" });
  });

  test("property: one changed byte in any plugin file flips hash_ok of that plugin only", async () => {
    const { root, out } = copyExample();
    const files = pluginFiles(root).filter((f) => !f.includes("capture_basic"));
    const baseline = await staticMatrix(root, out);
    // Owners from the pristine tree: a flipped byte may rename the plugin_id itself.
    const owners = new Map(files.map((f) => [f.split("/").slice(0, 3).join("/"), readManifestId(root, f)]));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...files),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        async (file, position, xor) => {
          const path = join(root, file);
          const original = readFileSync(path);
          const mutated = Buffer.from(original);
          const at = position % mutated.length;
          mutated[at] = mutated[at]! ^ xor;
          // Bytes that normalise to the same content (a CR turned into the LF it stands for) cannot flip the hash.
          fc.pre(!(original[at] === 0x0d || mutated[at] === 0x0d));
          writeFileSync(path, mutated);
          try {
            const after = await staticMatrix(root, out);
            const owner = owners.get(file.split("/").slice(0, 3).join("/"));
            for (const [id, checks] of Object.entries(after)) {
              // A flip inside plugin.json can also rename the plugin_id or make the manifest unreadable: then no
              // manifest declares the owner any more, which fails it (UNRESOLVED_ID) and, still, nothing else.
              const expected = file.endsWith("/plugin.json")
                ? /^fail:(MANIFEST_HASH_MISMATCH|ARTIFACT_HASH_MISMATCH|UNRESOLVED_ID)$/
                : /^fail:(MANIFEST_HASH_MISMATCH|ARTIFACT_HASH_MISMATCH)$/;
              if (id === owner) expect(checks.hash_ok, `${file} @${at}`).toMatch(expected);
              else expect(checks, `${id} after changing ${file}`).toEqual(baseline[id]);
            }
          } finally {
            writeFileSync(path, original);
          }
        },
      ),
      { numRuns: 12 },
    );
  });

  test("a stray file in a plugin directory changes its artifact hash (hash the tree as it is on disk)", async () => {
    const { root, out } = copyExample();
    appendFileSync(join(root, "plugins/builtin/state_jepa_like/.DS_Store"), "x");
    const matrix = await staticMatrix(root, out);
    expect(matrix["builtin.state.jepa_like"]?.hash_ok).toBe("fail:ARTIFACT_HASH_MISMATCH");
  });

  test("two sessions on the same inputs give byte-identical inventories", async () => {
    const { root, out } = copyExample();
    const read = async () => {
      const session = await QualificationSession.open(optionsFor(root, { QUALIFY_OUT: out }));
      session.close();
      return stableJson(session.inventory);
    };
    expect(await read()).toBe(await read());
    expect(statSync(root).isDirectory()).toBe(true);
  });
});

function readManifestId(root: string, file: string): string {
  try {
    return (
      JSON.parse(readFileSync(join(root, file.replace(/[^/]+$/, "plugin.json")), "utf8")) as { plugin_id: string }
    ).plugin_id;
  } catch {
    return "";
  }
}
