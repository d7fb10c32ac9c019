import { describe, expect, test } from "vitest";
import type { RunSection } from "../contracts/final-report.ts";
import { QualificationStatement } from "../contracts/proof-bundle.ts";
import { stableJson } from "../qualification/shared/canonical/canonical-json.ts";
import { buildBundle, type BundleFile } from "../qualification/outputs/proof/build-bundle.ts";
import { bundleInput, testSigner } from "../qualification/outputs/proof/testing/sample-bundle.ts";
import { sampleRun } from "../qualification/outputs/proof/testing/sample-run.ts";
import { renderJunitXml } from "./render-junit-xml.ts";
import { renderReportMd } from "./render-report-md.ts";
import { renderStepSummaryMd } from "./render-step-summary-md.ts";

const RUN_A: RunSection = {
  run_id: "11111111-aaaa",
  started_at: "2025-01-01T00:00:00.000Z",
  finished_at: "2025-01-01T00:05:00.000Z",
  host: "ci-runner-1",
  tool_version: "plugin-qualification-suite@0.1.0",
};
const RUN_B: RunSection = {
  run_id: "22222222-bbbb",
  started_at: "2031-07-09T12:34:56.789Z",
  finished_at: "2031-07-09T13:00:00.000Z",
  host: "laptop.local",
  tool_version: "plugin-qualification-suite@0.1.0",
};

/** Everything one complete run writes, from the same recorded inputs and a given run section. */
function outputs(run: RunSection) {
  const sample = sampleRun({ run });
  const bundle = new Map(buildBundle(bundleInput(sample), testSigner()).map((f: BundleFile) => [f.name, f.bytes]));
  return {
    final: stableJson(sample.final),
    reportMd: renderReportMd(sample.final),
    junit: renderJunitXml(sample.final),
    summary: renderStepSummaryMd(sample.final),
    bundle,
  };
}

const withoutRun = (finalJson: string) => stableJson({ ...JSON.parse(finalJson), run: null });
const statementOf = (bytes: Buffer | undefined) => QualificationStatement.parse(JSON.parse(bytes!.toString("utf8")));

describe("determinism: two runs on the same inputs differ only in the declared run section", () => {
  test("final.json differs only in `run`; report.md, junit.xml and the step summary are byte-identical", () => {
    const a = outputs(RUN_A);
    const b = outputs(RUN_B);
    expect(a.final).not.toBe(b.final);
    expect(withoutRun(a.final)).toBe(withoutRun(b.final));
    expect(a.reportMd).toBe(b.reportMd);
    expect(a.junit).toBe(b.junit);
    expect(a.summary).toBe(b.summary);
  });

  test("bundle: every subject but run.json is byte-identical; the statement differs only in run.json's digest", () => {
    const a = outputs(RUN_A).bundle;
    const b = outputs(RUN_B).bundle;
    expect([...a.keys()]).toEqual([...b.keys()]);
    const differing = [...a.keys()].filter((name) => !a.get(name)!.equals(b.get(name)!));
    expect(differing).toEqual(["envelope.dsse.json", "run.json", "statement.json"]);
    const [sa, sb] = [statementOf(a.get("statement.json")), statementOf(b.get("statement.json"))];
    expect(sa.predicate.nondeterministic_files).toEqual(["run.json"]);
    const strip = (s: QualificationStatement) => ({ ...s, subject: s.subject.filter((x) => x.name !== "run.json") });
    expect(stableJson(strip(sa))).toBe(stableJson(strip(sb)));
  });

  test("same run section → the whole bundle, signed envelope included, is byte-identical", () => {
    const a = outputs(RUN_A);
    const b = outputs({ ...RUN_A });
    expect(a.final).toBe(b.final);
    for (const [name, bytes] of a.bundle) expect(bytes.equals(b.bundle.get(name)!), name).toBe(true);
  });
});
