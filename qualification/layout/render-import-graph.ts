import { LAYERS } from "./layers.ts";
import type { ImportGraphFigures } from "./measure-import-graph.ts";

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

/** The figures as plain text: the layering, a table per folder, every import that runs back up, every cycle. */
export function renderImportGraph(figures: ImportGraphFigures): string {
  const lines: string[] = [];
  lines.push("Layering (lowest first; a folder imports its own layer without a cycle, or lower layers):");
  LAYERS.forEach((layer, i) => lines.push(`  ${i}. ${layer.name}: ${layer.folders.join(", ")}`));
  lines.push("", "Per folder (production files; tests and testing/ helpers counted apart):");
  lines.push("  folder                          layer  cross-folder  run-back-up  cross-folder-from-tests");
  for (const f of figures.folders) {
    lines.push(
      `  ${f.folder.padEnd(32)}${String(f.layer ?? "-").padStart(5)}${String(f.crossFolder).padStart(14)}${String(f.runBackUp).padStart(13)}${String(f.crossFolderFromTests).padStart(25)}`,
    );
  }
  const total = (key: "crossFolder" | "runBackUp" | "crossFolderFromTests") => sum(figures.folders.map((f) => f[key]));
  lines.push(
    `  ${"TOTAL".padEnd(32)}${"".padStart(5)}${String(total("crossFolder")).padStart(14)}${String(total("runBackUp")).padStart(13)}${String(total("crossFolderFromTests")).padStart(25)}`,
  );
  if (figures.unplaced.length > 0) lines.push("", `Folders no layer names: ${figures.unplaced.join(", ")}`);
  lines.push("", `Imports that run back up (${figures.backUpImports.length}):`);
  for (const edge of figures.backUpImports)
    lines.push(`  ${edge.from} -> ${edge.to}${edge.typeOnly ? " (type only)" : ""}`);
  lines.push("", `Folders that import one another (strongly connected, ${figures.components.length} group(s)):`);
  for (const component of figures.components) lines.push(`  {${component.join(", ")}}`);
  lines.push("", `Folder pairs importing each other directly (${figures.mutualPairs.length}):`);
  for (const [a, b] of figures.mutualPairs) lines.push(`  ${a} <-> ${b}`);
  lines.push(
    "",
    `Import cycles between folders: ${figures.cycleCount}${figures.cycleCountComplete ? "" : "+ (counting stopped)"} elementary cycles; the shortest through each folder in one:`,
  );
  for (const cycle of figures.shortestCycles) lines.push(`  ${[...cycle, cycle[0]].join(" -> ")}`);
  return `${lines.join("\n")}\n`;
}
