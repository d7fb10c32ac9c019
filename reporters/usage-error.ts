import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { EXIT_USAGE } from "../qualification/session/exit-code.ts";
import { JUNIT_FILE, renderUsageErrorJunit } from "./render-junit-xml.ts";

/**
 * A qualification that cannot start (bad options, a missing target) ends here: one plain line on stderr — no
 * stack, the options are the user's to fix — a junit.xml with that one error case, and exit code 2.
 */
export function failUsage(outDir: string, message: string): never {
  process.stderr.write(`qualify: ${message}\n`);
  try {
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, JUNIT_FILE), renderUsageErrorJunit(message));
  } catch (error) {
    process.stderr.write(`qualify: could not write ${join(outDir, JUNIT_FILE)}: ${(error as Error).message}\n`);
  }
  process.exit(EXIT_USAGE);
}
