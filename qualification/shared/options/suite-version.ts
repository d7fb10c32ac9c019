import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SUITE_ROOT } from "./resolve-options.ts";

// package.json is the one place the suite's name and version are written; everything else reads them from here.
const pkg = JSON.parse(readFileSync(join(SUITE_ROOT, "package.json"), "utf8")) as {
  readonly name: string;
  readonly version: string;
};

/** The suite's version, as `pnpm qualify --version` prints it. */
export const SUITE_VERSION: string = pkg.version;

/** `<name>@<version>`: the tool that wrote a run section or a proof bundle. */
export const SUITE_TOOL_VERSION = `${pkg.name}@${pkg.version}`;
