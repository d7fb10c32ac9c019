import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { TestModule } from "vitest/node";
import { QueryRun, type FinalQueries } from "../contracts/query-run.ts";
import "../qualification/register/task-meta.ts";
import { finalQueries, QUERY_SUITE, type CollectedQuery } from "../qualification/query/final-queries.ts";
import { QUERIES_FILE } from "../qualification/query/query-output-files.ts";

export interface QueryOutcome {
  /** final.json's `queries` section (null when the run registered no query tier). */
  readonly queries: FinalQueries | null;
  /** Every planned `query › …` test ran and queries.json is there: otherwise the run is partial. */
  readonly complete: boolean;
}

/**
 * Reporter side: the query tests' states plus QUALIFY_OUT/queries.json (written by the test worker) → the
 * `queries` section. A run in which some query test did not run (-t, watch) or whose queries.json is missing
 * or unreadable is incomplete, so the reporter writes a partial result instead of final.json.
 */
export function collectQueryOutcome(testModules: ReadonlyArray<TestModule>, outDir: string): QueryOutcome {
  let planned = 0;
  const collected: CollectedQuery[] = [];
  for (const module of testModules) {
    for (const test of module.children.allTests()) {
      if (test.parent.type !== "suite" || test.parent.name !== QUERY_SUITE) continue;
      planned += 1;
      const meta = test.meta().qualification;
      if (meta?.kind === "query") collected.push({ check: meta.check, query: meta.query, state: test.result().state });
    }
  }
  if (planned === 0) return { queries: null, complete: true };
  const ran = collected.filter((c) => c.state !== "pending").length === planned;
  const path = join(outDir, QUERIES_FILE);
  if (!existsSync(path)) return { queries: null, complete: false };
  let run: QueryRun;
  try {
    run = QueryRun.parse(JSON.parse(readFileSync(path, "utf8")));
  } catch {
    return { queries: null, complete: false };
  }
  return { queries: finalQueries(run, collected), complete: ran };
}
