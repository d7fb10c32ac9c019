import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";
import { QueryRun } from "../../contracts/query-run.ts";
import { optionsFor, tempDir } from "../../setup/testing/example-copy.ts";
import { tinyPlatform } from "../gather/adapters/testing/tiny-platform/tiny-platform-adapter.ts";
import { rejudgeQueryCase } from "../outputs/proof/verify/replay-verdicts.ts";
import { loadExpectedAnswers } from "./expected/load-expected-answers.ts";
import { runQueryCases } from "./run-query-cases.ts";
import { exampleCase, writeExpected } from "./testing/expected-subset.ts";

const TINY = fileURLToPath(new URL("../gather/adapters/testing/tiny-platform/fixture", import.meta.url));

test("an adapter without a query port runs no case: every case fails as not run, naming the adapter", async () => {
  const expectedFile = writeExpected(tempDir("no-query-port"), [
    exampleCase("invoice_due_date"),
    exampleCase("popup_invoice_vendor"),
  ]);
  const options = optionsFor(TINY, { QUALIFY_ADAPTER: tinyPlatform.name, QUALIFY_EXPECTED: expectedFile });
  // Services up: even a service-backed case is not run (there is no route to put it to), not skipped.
  const services = { mode: "service_up" as const, services: [] };
  const { run, timings, storageProbes } = await runQueryCases(
    options,
    loadExpectedAnswers(options.expectedFile, null, null),
    { services, adapter: tinyPlatform },
  );
  expect(QueryRun.parse(run)).toEqual(run);
  expect(run.root_cause).toMatchObject({ reason: "environment_error", attribution: "suite", seen_in: [] });
  expect(run.root_cause?.detail).toContain(`"${tinyPlatform.name}" has no query port`);
  expect(run.cases.map((c) => [c.case_id, c.route, c.verdict.class, c.verdict.reason])).toEqual([
    ["invoice_due_date", "not_run", "infra_error", "environment_error"],
    ["popup_invoice_vendor", "not_run", "infra_error", "environment_error"],
  ]);
  for (const record of run.cases) {
    expect(record.verdict.detail).toContain(`"${tinyPlatform.name}" has no query port`);
    // The bundle's verifier judges the same from what queries.json records.
    expect(rejudgeQueryCase(record, run)).toEqual(record.verdict);
  }
  expect(run.summary.non_service_strict).toMatchObject({ total: 1, infra_error: 1, evaluated: 0 });
  expect([run.hosting, run.storage, timings.size, storageProbes]).toEqual([null, [], 0, []]);
});
