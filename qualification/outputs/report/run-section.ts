import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { RunSection } from "../../../contracts/final-report.ts";
import { SUITE_TOOL_VERSION } from "../../shared/options/suite-version.ts";

/** The only place that reads the clock, the host name and randomness; everything else is a function of inputs. */
export function makeRunSection(startedAt: Date, finishedAt: Date, services?: RunSection["services"]): RunSection {
  return {
    run_id: randomUUID(),
    started_at: startedAt.toISOString(),
    finished_at: finishedAt.toISOString(),
    host: hostname(),
    tool_version: SUITE_TOOL_VERSION,
    ...(services ? { services: { ...services } } : {}),
  };
}
