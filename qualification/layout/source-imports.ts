import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import ts from "typescript";

/** One relative import of one source file: `from` and `to` are repository-relative paths with `/` separators. */
export interface SourceImport {
  readonly from: string;
  readonly to: string;
  /** `import type`, `export type`, or a type position `import("…").T`: erased at run time, still a dependency. */
  readonly typeOnly: boolean;
}

/** The folders tsconfig.json compiles, plus the root config; what the suite's own code is. */
const SOURCE_ROOTS = [
  "qualification",
  "contracts",
  "reporters",
  "setup",
  "probes",
  "bench",
  "scripts",
  "fixtures/services",
] as const;
const ROOT_FILES = ["vitest.config.ts"] as const;

const isSource = (name: string): boolean => /\.(ts|mts|cts)$/.test(name) && !name.endsWith(".d.ts");

function listSources(repoRoot: string, dir: string, into: string[]): void {
  let entries;
  try {
    entries = readdirSync(join(repoRoot, dir), { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (entry.name === "node_modules") continue;
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) listSources(repoRoot, path, into);
    else if (entry.isFile() && isSource(entry.name)) into.push(path);
  }
}

/** Every source file of the suite, repository-relative, sorted (so every figure derived from it is stable). */
function listSourceFiles(repoRoot: string): string[] {
  const files: string[] = [];
  for (const root of SOURCE_ROOTS) listSources(repoRoot, root, files);
  files.push(...ROOT_FILES);
  return files.sort();
}

/**
 * The relative imports of one file, read by TypeScript's own parser rather than a regex, so a specifier inside a
 * string or comment is never counted and `export … from`, `import()` and `import("…").T` are.
 */
export function importsOfSource(file: string, text: string): SourceImport[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: SourceImport[] = [];
  const add = (specifier: ts.Node | undefined, typeOnly: boolean): void => {
    if (specifier === undefined || !ts.isStringLiteral(specifier) || !specifier.text.startsWith(".")) return;
    const to = normalize(join(dirname(file), specifier.text))
      .split("\\")
      .join("/");
    found.push({ from: file, to, typeOnly });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const allTypes =
        clause?.isTypeOnly === true ||
        (clause !== undefined &&
          clause.name === undefined &&
          clause.namedBindings !== undefined &&
          ts.isNamedImports(clause.namedBindings) &&
          clause.namedBindings.elements.length > 0 &&
          clause.namedBindings.elements.every((e) => e.isTypeOnly));
      add(node.moduleSpecifier, allTypes);
    } else if (ts.isExportDeclaration(node)) {
      add(node.moduleSpecifier, node.isTypeOnly);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal, true);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node.arguments[0], false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Every relative import of every source file under `repoRoot`, in file order. */
export function readSourceImports(repoRoot: string): SourceImport[] {
  return listSourceFiles(repoRoot).flatMap((file) => importsOfSource(file, readFileSync(join(repoRoot, file), "utf8")));
}
