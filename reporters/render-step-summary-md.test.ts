import { appendFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { resolveOptions, SUITE_ROOT } from "../qualification/shared/options/resolve-options.ts";
import { tempDir } from "../setup/testing/example-copy.ts";
import { sampleFinalReport } from "../setup/testing/sample-final-report.ts";
import { renderJunitXml } from "./render-junit-xml.ts";
import { renderReportMd } from "./render-report-md.ts";
import { renderStepSummaryMd } from "./render-step-summary-md.ts";
import { writeReportFiles } from "./write-report-files.ts";

describe("GitHub step summary", () => {
  test("snapshot: header, run checks, unresolved IDs, failing checks grouped by reason with their fix, the query tier", async () => {
    await expect(renderStepSummaryMd(sampleFinalReport())).toMatchFileSnapshot(
      "./__snapshots__/sample-step-summary.md",
    );
  });

  test("GITHUB_STEP_SUMMARY resolves to an absolute path option, absent → null", () => {
    expect(resolveOptions({ GITHUB_STEP_SUMMARY: "summary.md" }, "/tmp").githubStepSummary).toBe("/tmp/summary.md");
    expect(resolveOptions({}, SUITE_ROOT).githubStepSummary).toBeNull();
  });

  test("writeReportFiles writes final.json, report.md, junit.xml and appends the summary", () => {
    const out = tempDir("report-out");
    const summary = join(out, "step-summary.md");
    appendFileSync(summary, "earlier step\n");
    const final = sampleFinalReport();
    writeReportFiles(out, final, summary);
    expect(JSON.parse(readFileSync(join(out, "final.json"), "utf8"))).toEqual(final);
    expect(readFileSync(join(out, "report.md"), "utf8")).toBe(renderReportMd(final));
    expect(readFileSync(join(out, "junit.xml"), "utf8")).toBe(renderJunitXml(final));
    expect(readFileSync(summary, "utf8")).toBe(`earlier step\n${renderStepSummaryMd(final)}\n`);
  });
});
