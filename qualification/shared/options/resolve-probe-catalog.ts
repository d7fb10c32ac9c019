import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { ProbeCatalogManifest } from "../../../contracts/probe-spec.ts";
import { normalizeProjectName, targetProjectName } from "./target-project-name.ts";

/** Where the target keeps its own catalog, relative to its root. */
export const TARGET_CATALOG = ".qualify/probes";

/**
 * The probe catalog a qualification uses, and why. A catalog belongs to a platform: specs written for one
 * platform's plugins must never judge another's, even where plugin IDs coincide. In order:
 *   env     QUALIFY_PROBES, a directory the user names;
 *   target  `<target>/.qualify/probes/`, the catalog the platform carries with itself;
 *   suite   a catalog shipped with the suite (`probes/<name>/catalog.json`) whose `applies_to.project_name` is
 *           the target's project name (pyproject.toml `[project] name`);
 *   none    no catalog applies: every plugin's `functional` is SPEC_MISSING, with the scaffold command.
 */
export interface ProbeCatalogChoice {
  readonly source: "env" | "target" | "suite" | "none";
  /** Absolute catalog directory (null when none applies). */
  readonly dir: string | null;
  /** How its files are named in evidence: stable across machines (`.qualify/probes/<id>.json`, …). */
  readonly display: string;
  readonly name: string | null;
  readonly version: string | null;
  /** One sentence: which catalog and why it applies (or why none does). */
  readonly why: string;
}

export function readCatalogManifest(dir: string): ProbeCatalogManifest | null {
  try {
    return ProbeCatalogManifest.parse(JSON.parse(readFileSync(join(dir, "catalog.json"), "utf8")));
  } catch {
    return null;
  }
}

const isDir = (path: string): boolean => existsSync(path) && statSync(path).isDirectory();

/** The catalog in a directory the user names (QUALIFY_PROBES, `--probes`). */
export function catalogInDir(dir: string): ProbeCatalogChoice {
  const manifest = readCatalogManifest(dir);
  return {
    source: "env",
    dir,
    display: basename(dir),
    name: manifest?.catalog ?? basename(dir),
    version: manifest?.catalog_version ?? null,
    why: `QUALIFY_PROBES names the directory ${basename(dir)}`,
  };
}

export function resolveProbeCatalog(
  target: string,
  envProbes: string | null,
  suiteCatalogs: string,
): ProbeCatalogChoice {
  const project = targetProjectName(target);
  if (envProbes !== null) return catalogInDir(envProbes);
  const carried = join(target, TARGET_CATALOG);
  if (isDir(carried)) {
    const manifest = readCatalogManifest(carried);
    return {
      source: "target",
      dir: carried,
      display: TARGET_CATALOG,
      name: manifest?.catalog ?? "target",
      version: manifest?.catalog_version ?? null,
      why: `the target carries its own catalog in ${TARGET_CATALOG}`,
    };
  }
  const shipped = isDir(suiteCatalogs) ? readdirSync(suiteCatalogs).sort() : [];
  for (const name of shipped) {
    const dir = join(suiteCatalogs, name);
    const manifest = isDir(dir) ? readCatalogManifest(dir) : null;
    if (manifest && project !== null && normalizeProjectName(manifest.applies_to.project_name) === project)
      return {
        source: "suite",
        dir,
        display: relative(join(suiteCatalogs, ".."), dir),
        name: manifest.catalog,
        version: manifest.catalog_version,
        why: `the suite's catalog ${manifest.catalog} v${manifest.catalog_version} applies to project ${project}`,
      };
  }
  const who = project === null ? "a target without a pyproject.toml [project] name" : `project ${project}`;
  return {
    source: "none",
    dir: null,
    display: TARGET_CATALOG,
    name: null,
    version: null,
    why: `no probe catalog applies to ${who}: QUALIFY_PROBES is not set, the target has no ${TARGET_CATALOG}, and no catalog shipped with the suite names it`,
  };
}
