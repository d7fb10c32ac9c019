import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import type { RunSection } from "../../contracts/final-report.ts";
import { SUITE_ROOT } from "../options/resolve-options.ts";

export function toolVersion(): string {
  const pkg = JSON.parse(readFileSync(join(SUITE_ROOT, "package.json"), "utf8")) as { name: string; version: string };
  return `${pkg.name}@${pkg.version}`;
}

/** The only place that reads the clock, the host name and randomness; everything else is a function of inputs. */
export function makeRunSection(startedAt: Date, finishedAt: Date, services?: RunSection["services"]): RunSection {
  return { run_id: randomUUID(), started_at: startedAt.toISOString(), finished_at: finishedAt.toISOString(), host: hostname(), tool_version: toolVersion(), ...(services ? { services: { ...services } } : {}) };
}
