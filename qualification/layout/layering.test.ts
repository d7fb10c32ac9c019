import { describe, expect, test } from "vitest";
import { SUITE_ROOT } from "../shared/options/resolve-options.ts";
import { folderComponents, type FolderGraph } from "./folder-cycles.ts";
import { folderOf, isTestSource, LAYERS } from "./layers.ts";
import { measureImportGraph } from "./measure-import-graph.ts";
import { readSourceImports } from "./source-imports.ts";

/**
 * Folder imports the layering does not allow yet, each with why and what removes it: none today. The test fails
 * on any other cycle or upward import, and on an entry here that no longer occurs (delete it then).
 */
const KNOWN_EXCEPTIONS: ReadonlyArray<{ readonly from: string; readonly to: string; readonly why: string }> = [];

const imports = readSourceImports(SUITE_ROOT);
const figures = measureImportGraph(imports);
const isException = (from: string, to: string): boolean => KNOWN_EXCEPTIONS.some((e) => e.from === from && e.to === to);

function graphWithout(exceptions: boolean): FolderGraph {
  const graph = new Map<string, Set<string>>();
  for (const edge of imports) {
    if (isTestSource(edge.from)) continue;
    const from = folderOf(edge.from);
    const to = folderOf(edge.to);
    if (from === to || (exceptions && isException(from, to))) continue;
    graph.set(from, (graph.get(from) ?? new Set()).add(to));
  }
  return graph;
}

describe("the layout's layering", () => {
  test("every folder with source files is in a layer (a new folder is placed in layers.ts)", () => {
    expect(figures.unplaced).toEqual([]);
  });

  test("no import runs back up the layering, the known exceptions aside", () => {
    const unexpected = figures.backUpImports
      .filter((e) => !isException(folderOf(e.from), folderOf(e.to)))
      .map((e) => `${e.from} -> ${e.to}`);
    expect(unexpected).toEqual([]);
  });

  test("no import cycle between folders, the known exceptions aside", () => {
    expect(folderComponents(graphWithout(true))).toEqual([]);
  });

  test("proof, shard, the report, reporters, register and telemetry are in no cycle at all, exceptions included", () => {
    const strict = new Set([
      "qualification/outputs/proof",
      "qualification/outputs/shard",
      "qualification/outputs/report",
      "reporters",
      "qualification/register",
      "qualification/outputs/telemetry",
    ]);
    expect(
      folderComponents(graphWithout(false))
        .flat()
        .filter((folder) => strict.has(folder)),
    ).toEqual([]);
  });

  test("every known exception still occurs (remove it once its slice lands)", () => {
    const graph = graphWithout(false);
    expect(KNOWN_EXCEPTIONS.filter((e) => !graph.get(e.from)?.has(e.to)).map((e) => `${e.from} -> ${e.to}`)).toEqual(
      [],
    );
  });

  test("the layers are named for what they hold, lowest first", () => {
    expect(LAYERS.map((layer) => layer.name)).toEqual([
      "canonical bytes",
      "contracts",
      "shared utilities",
      "stages",
      "session",
      "run outputs",
      "Vitest glue",
      "command engines",
      "entry points",
    ]);
  });
});
