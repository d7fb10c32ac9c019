import { writeFileSync } from "node:fs";
import { SUITE_ROOT } from "../shared/options/resolve-options.ts";
import { measureImportGraph } from "./measure-import-graph.ts";
import { renderImportGraph } from "./render-import-graph.ts";
import { readSourceImports } from "./source-imports.ts";

// `pnpm layout:graph [file]`: the suite's import graph figures, on stdout or into `file`.
const text = renderImportGraph(measureImportGraph(readSourceImports(SUITE_ROOT)));
const out = process.argv[2];
if (out === undefined) process.stdout.write(text);
else writeFileSync(out, text);
