import { describe, expect, test } from "vitest";
import { folderComponents, folderCycles, shortestCycleThrough } from "./folder-cycles.ts";
import { folderOf, isTestSource, LAYERS } from "./layers.ts";
import { measureImportGraph, runsBackUp } from "./measure-import-graph.ts";
import { importsOfSource, type SourceImport } from "./source-imports.ts";

const graph = (edges: Record<string, string[]>) =>
  new Map(Object.entries(edges).map(([from, to]) => [from, new Set(to)]));
const edge = (from: string, to: string): SourceImport => ({ from, to, typeOnly: false });

describe("importsOfSource", () => {
  test("reads imports, re-exports, dynamic imports and import types; ignores packages, strings and comments", () => {
    const text = [
      'import { a } from "../../shared/canonical/canonical-json.ts";',
      'import type { B } from "./b.ts";',
      'import { type C, type D } from "./c.ts";',
      'import { type E, f } from "./e.ts";',
      'export { g } from "../../../contracts/evidence.ts";',
      'import { z } from "zod";',
      '// import { no } from "./comment.ts";',
      "const s = \"import { no } from './string.ts'\";",
      'const m = await import("../proof/index.ts");',
      'type T = import("./t.ts").T;',
    ].join("\n");
    expect(importsOfSource("qualification/outputs/shard/x.ts", text)).toEqual([
      {
        from: "qualification/outputs/shard/x.ts",
        to: "qualification/shared/canonical/canonical-json.ts",
        typeOnly: false,
      },
      { from: "qualification/outputs/shard/x.ts", to: "qualification/outputs/shard/b.ts", typeOnly: true },
      { from: "qualification/outputs/shard/x.ts", to: "qualification/outputs/shard/c.ts", typeOnly: true },
      { from: "qualification/outputs/shard/x.ts", to: "qualification/outputs/shard/e.ts", typeOnly: false },
      { from: "qualification/outputs/shard/x.ts", to: "contracts/evidence.ts", typeOnly: false },
      { from: "qualification/outputs/shard/x.ts", to: "qualification/outputs/proof/index.ts", typeOnly: false },
      { from: "qualification/outputs/shard/x.ts", to: "qualification/outputs/shard/t.ts", typeOnly: true },
    ]);
  });
});

describe("folders and layers", () => {
  test("a file's folder is qualification/[<group>/]<folder>, else its top-level folder, else the root", () => {
    expect(folderOf("qualification/outputs/proof/verify/step-rejudge.ts")).toBe("qualification/outputs/proof");
    expect(folderOf("qualification/judge/checks/run/platform-cli.ts")).toBe("qualification/judge/checks");
    expect(folderOf("qualification/query/expected/load-expected-answers.ts")).toBe("qualification/query");
    expect(folderOf("qualification/cli/main.ts")).toBe("qualification/cli");
    expect(folderOf("reporters/markdown/markdown-text.ts")).toBe("reporters");
    expect(folderOf("fixtures/services/serve.ts")).toBe("fixtures");
    expect(folderOf("vitest.config.ts")).toBe(".");
  });

  test("no folder is in two layers", () => {
    const all = LAYERS.flatMap((layer) => layer.folders);
    expect(new Set(all).size).toBe(all.length);
  });

  test("tests and testing/ helpers are told apart from production files", () => {
    expect(isTestSource("qualification/outputs/proof/dsse.test.ts")).toBe(true);
    expect(isTestSource("qualification/outputs/proof/proof-e2e.test.ts")).toBe(true);
    expect(isTestSource("bench/bare/trivial.bench.ts")).toBe(true);
    expect(isTestSource("qualification/outputs/shard/testing/shard-fixture.ts")).toBe(true);
    expect(isTestSource("qualification/outputs/shard/merge-partials.ts")).toBe(false);
  });

  test("an import into a higher layer runs back up; into the same or a lower one it does not", () => {
    expect(runsBackUp("qualification/outputs/proof", "reporters")).toBe(true);
    expect(runsBackUp("reporters", "qualification/outputs/proof")).toBe(false);
    expect(runsBackUp("qualification/outputs/proof", "qualification/outputs/shard")).toBe(false);
    expect(runsBackUp("qualification/nowhere", "contracts")).toBe(true);
  });
});

describe("cycles", () => {
  const tangled = graph({ a: ["b"], b: ["a", "c"], c: ["d"], d: ["b"], e: ["a"] });

  test("folders that import one another through any chain form one component; a folder outside every cycle is in none", () => {
    expect(folderComponents(tangled)).toEqual([["a", "b", "c", "d"]]);
    expect(folderComponents(graph({ a: ["b"], b: ["c"] }))).toEqual([]);
  });

  test("every elementary cycle is found once, and the shortest one through a folder is named", () => {
    expect(folderCycles(tangled)).toEqual({
      cycles: [
        ["a", "b"],
        ["b", "c", "d"],
      ],
      complete: true,
    });
    expect(folderCycles(tangled, 1)).toEqual({ cycles: [["a", "b"]], complete: false });
    expect(shortestCycleThrough(tangled, "d")).toEqual(["d", "b", "c"]);
    expect(shortestCycleThrough(tangled, "e")).toBeNull();
  });
});

describe("measureImportGraph", () => {
  test("counts cross-folder and back-up imports per folder, keeps tests apart, and names the cycle", () => {
    const figures = measureImportGraph([
      edge("qualification/outputs/proof/verify/a.ts", "reporters/render.ts"),
      edge("qualification/outputs/proof/b.ts", "qualification/outputs/proof/c.ts"),
      edge("reporters/reporter.ts", "qualification/outputs/proof/b.ts"),
      edge("qualification/outputs/proof/b.test.ts", "setup/testing/x.ts"),
    ]);
    expect(figures.folders).toEqual([
      {
        folder: "qualification/outputs/proof",
        layer: expect.any(Number),
        crossFolder: 1,
        runBackUp: 1,
        crossFolderFromTests: 1,
      },
      { folder: "reporters", layer: expect.any(Number), crossFolder: 1, runBackUp: 0, crossFolderFromTests: 0 },
    ]);
    expect(figures.backUpImports).toEqual([edge("qualification/outputs/proof/verify/a.ts", "reporters/render.ts")]);
    expect(figures.components).toEqual([["qualification/outputs/proof", "reporters"]]);
    expect(figures.mutualPairs).toEqual([["qualification/outputs/proof", "reporters"]]);
    expect(figures.unplaced).toEqual([]);
  });
});
