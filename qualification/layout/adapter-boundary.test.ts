import { describe, expect, test } from "vitest";
import { SUITE_ROOT } from "../shared/options/resolve-options.ts";
import { isTestSource } from "./layers.ts";
import { readSourceImports } from "./source-imports.ts";

/**
 * A platform's specifics live only in its adapter folder (`qualification/gather/adapters/<platform>/`): everything else
 * reaches them through the ports in `qualification/gather/adapters/` (PlatformAdapter and the command ports). So adding
 * a platform is a new folder plus one registry line, and no engine silently depends on one platform's internals.
 * The registry names each adapter; tests of an adapter read it directly; benchmarks may measure its internals.
 */
const ADAPTERS_DIR = "qualification/gather/adapters/";
const REGISTRY = "qualification/gather/adapters/adapter-registry.ts";

function adapterFolderOf(file: string): string | null {
  if (!file.startsWith(ADAPTERS_DIR)) return null;
  const rest = file.slice(ADAPTERS_DIR.length).split("/");
  if (rest.length < 2 || rest[0] === "testing")
    return rest[0] === "testing" && rest.length > 2 ? `testing/${rest[1]}` : null;
  return rest[0]!;
}

const mayReachInside = (file: string): boolean => file === REGISTRY || isTestSource(file) || file.startsWith("bench/");

describe("the adapter boundary", () => {
  const imports = readSourceImports(SUITE_ROOT);

  test("no file outside an adapter's folder imports its internals (the registry, tests and benchmarks aside)", () => {
    const crossing = imports
      .filter((edge) => {
        const into = adapterFolderOf(edge.to);
        return into !== null && adapterFolderOf(edge.from) !== into && !mayReachInside(edge.from);
      })
      .map((edge) => `${edge.from} -> ${edge.to}`);
    expect([...new Set(crossing)].sort()).toEqual([]);
  });

  test("the adapter folders import no command engine, session or output layer: a port's implementation is a stage", () => {
    const above = /^(qualification\/(session|outputs|register|cli|commands)|reporters)\//;
    const upward = imports
      .filter((edge) => edge.from.startsWith(ADAPTERS_DIR) && !isTestSource(edge.from) && above.test(edge.to))
      .map((edge) => `${edge.from} -> ${edge.to}`);
    expect(upward).toEqual([]);
  });
});
