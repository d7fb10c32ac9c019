import { folderComponents, folderCycles, shortestCycleThrough, type FolderGraph } from "./folder-cycles.ts";
import { folderOf, isTestSource, layerIndexOf } from "./layers.ts";
import type { SourceImport } from "./source-imports.ts";

export interface FolderFigures {
  readonly folder: string;
  /** The layer's index in LAYERS, or null when no layer names the folder. */
  readonly layer: number | null;
  /** Imports from this folder's production files (not tests, not `testing/` helpers) into another folder. */
  readonly crossFolder: number;
  /** Of those, imports into a higher layer (or from or into a folder no layer names). */
  readonly runBackUp: number;
  /** Cross-folder imports from this folder's tests and test helpers (not held to the layering). */
  readonly crossFolderFromTests: number;
}

export interface ImportGraphFigures {
  readonly folders: readonly FolderFigures[];
  /** Every production import that runs back up, sorted. */
  readonly backUpImports: readonly SourceImport[];
  /** Groups of folders that import one another through some chain (production imports). */
  readonly components: readonly (readonly string[])[];
  /**
   * Every elementary cycle, counted (a tangled graph has too many to list; `cycleCountComplete` is false past 100,000).
   */
  readonly cycleCount: number;
  readonly cycleCountComplete: boolean;
  /** Folder pairs that import each other directly. */
  readonly mutualPairs: readonly (readonly [string, string])[];
  /** The shortest cycle through each folder of a component, each once, starting at its first folder by name. */
  readonly shortestCycles: readonly (readonly string[])[];
  /** Folders with source files that no layer names. */
  readonly unplaced: readonly string[];
}

/** Whether `from` → `to` (two different folders) runs back up the layering. */
export function runsBackUp(fromFolder: string, toFolder: string): boolean {
  const from = layerIndexOf(fromFolder);
  const to = layerIndexOf(toFolder);
  return from === null || to === null || to > from;
}

/** The folder graph of production imports: test files and `testing/` helpers are left out. */
function productionFolderGraph(imports: readonly SourceImport[]): FolderGraph {
  const graph = new Map<string, Set<string>>();
  for (const edge of imports) {
    if (isTestSource(edge.from)) continue;
    const from = folderOf(edge.from);
    const to = folderOf(edge.to);
    if (from === to) continue;
    const targets = graph.get(from) ?? new Set<string>();
    targets.add(to);
    graph.set(from, targets);
  }
  return graph;
}

const byPath = (a: SourceImport, b: SourceImport): number =>
  a.from === b.from ? (a.to < b.to ? -1 : a.to > b.to ? 1 : 0) : a.from < b.from ? -1 : 1;

/** Every figure of the layout's import graph, from the imports alone (so before and after come from one code). */
export function measureImportGraph(imports: readonly SourceImport[]): ImportGraphFigures {
  const figures = new Map<string, { crossFolder: number; runBackUp: number; crossFolderFromTests: number }>();
  const entry = (folder: string) => {
    let found = figures.get(folder);
    if (!found) figures.set(folder, (found = { crossFolder: 0, runBackUp: 0, crossFolderFromTests: 0 }));
    return found;
  };
  const backUpImports: SourceImport[] = [];
  for (const edge of imports) {
    const from = folderOf(edge.from);
    const to = folderOf(edge.to);
    const counts = entry(from);
    if (from === to) continue;
    if (isTestSource(edge.from)) {
      counts.crossFolderFromTests += 1;
      continue;
    }
    counts.crossFolder += 1;
    if (runsBackUp(from, to)) {
      counts.runBackUp += 1;
      backUpImports.push(edge);
    }
  }
  const graph = productionFolderGraph(imports);
  const { cycles, complete } = folderCycles(graph);
  const components = folderComponents(graph);
  const shortest = new Map<string, string[]>();
  for (const folder of components.flat()) {
    const cycle = shortestCycleThrough(graph, folder);
    if (cycle === null) continue;
    const first = cycle.indexOf([...cycle].sort()[0]!);
    const rotated = [...cycle.slice(first), ...cycle.slice(0, first)];
    shortest.set(rotated.join(" "), rotated);
  }
  const folders = [...figures.keys()].sort();
  return {
    folders: folders.map((folder) => ({ folder, layer: layerIndexOf(folder), ...figures.get(folder)! })),
    backUpImports: backUpImports.sort(byPath),
    components,
    cycleCount: cycles.length,
    cycleCountComplete: complete,
    mutualPairs: cycles.filter((cycle) => cycle.length === 2).map((cycle) => [cycle[0]!, cycle[1]!] as const),
    shortestCycles: [...shortest.keys()].sort().map((key) => shortest.get(key)!),
    unplaced: folders.filter((folder) => layerIndexOf(folder) === null),
  };
}
