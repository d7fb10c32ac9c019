import { join } from "node:path";
import type { ExpectedAnswerCase } from "../../../contracts/expected-answers.ts";
import type { QueryRun } from "../../../contracts/query-run.ts";
import { EXAMPLE_PLATFORM, optionsFor, tempDir } from "../../../setup/testing/example-copy.ts";
import { QuerySession } from "../query-session.ts";
import { writeExpected } from "./expected-subset.ts";

/** A loopback port nothing listens on: both services are down, so only CLI cases answer. */
export const DEAD_SERVICE = "http://127.0.0.1:9";

/**
 * The query tier alone on `target` (the example or a copy of it), asking `cases` `repeat` times each against the
 * example's corpus, with both services down; `extra` variables win.
 */
export async function servicesDownRun(
  target: string,
  cases: readonly ExpectedAnswerCase[],
  repeat: number,
  extra: Record<string, string> = {},
): Promise<QueryRun> {
  const env = {
    QUALIFY_EXPECTED: writeExpected(tempDir("expected"), cases),
    QUALIFY_QUERY_REPEAT: String(repeat),
    QUALIFY_SERVICE_7411_URL: DEAD_SERVICE,
    QUALIFY_SERVICE_8000_URL: DEAD_SERVICE,
    QUALIFY_CORPUS_DB: join(EXAMPLE_PLATFORM, "corpus/metadata.db"),
    ...extra,
  };
  return (await new QuerySession(optionsFor(target, env)).run()).run;
}
