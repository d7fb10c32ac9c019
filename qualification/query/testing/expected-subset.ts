import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ExpectedAnswers, type ExpectedAnswerCase } from "../../../contracts/expected-answers.ts";
import { EXAMPLE_PLATFORM } from "../../../setup/testing/example-copy.ts";

export const EXAMPLE_EXPECTED = join(EXAMPLE_PLATFORM, "corpus/expected_answers.json");

/** The committed example cases by ID (a test names the few it needs, so a run stays short). */
export function exampleCase(caseId: string): ExpectedAnswerCase {
  const all = ExpectedAnswers.parse(JSON.parse(readFileSync(EXAMPLE_EXPECTED, "utf8")));
  const found = [...all.non_service_strict, ...all.service_backed_strict].find((c) => c.case_id === caseId);
  if (!found) throw new Error(`no example case ${caseId}`);
  return found;
}

/** Writes a suite-format expected-answers file holding exactly these cases into `dir`; returns its path. */
export function writeExpected(dir: string, cases: readonly ExpectedAnswerCase[]): string {
  const file: ExpectedAnswers = {
    schema_version: 1,
    non_service_strict: cases.filter((c) => c.tier === "non_service_strict"),
    service_backed_strict: cases.filter((c) => c.tier === "service_backed_strict"),
  };
  const path = join(dir, "expected_answers.json");
  writeFileSync(path, JSON.stringify(ExpectedAnswers.parse(file), null, 2));
  return path;
}
