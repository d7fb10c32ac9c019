import { appendFileSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { FinalReport } from "../contracts/final-report.ts";
import { stableJson } from "../qualification/shared/canonical/canonical-json.ts";
import { FINAL_FILE, PARTIAL_FILE } from "../qualification/outputs/report/final-report-files.ts";
import { JUNIT_FILE, renderJunitXml, type JunitOptions } from "./render-junit-xml.ts";
import { renderReportMd, REPORT_MD_FILE } from "./render-report-md.ts";
import { renderStepSummaryMd } from "./render-step-summary-md.ts";

/**
 * A complete run's outputs, each rendered purely from final.json's content: final.json, report.md, junit.xml,
 * and (when `githubStepSummary` names a file) the markdown summary appended to it. Returns the paths written.
 */
export function writeReportFiles(
  outDir: string,
  final: FinalReport,
  githubStepSummary: string | null,
  junit: JunitOptions = {},
): string[] {
  mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  const write = (name: string, content: string) => {
    writeFileSync(join(outDir, name), content);
    written.push(join(outDir, name));
  };
  write(FINAL_FILE, stableJson(final));
  rmSync(join(outDir, PARTIAL_FILE), { force: true });
  write(REPORT_MD_FILE, renderReportMd(final));
  write(JUNIT_FILE, renderJunitXml(final, junit));
  if (githubStepSummary) {
    appendFileSync(githubStepSummary, `${renderStepSummaryMd(final)}\n`);
    written.push(githubStepSummary);
  }
  return written;
}
