import type { FinalReport } from "../contracts/final-report.ts";
import { CHECK_IDS } from "../contracts/reason-codes.ts";
import { code, fitLines } from "./markdown/markdown-text.ts";
import { FINAL_POINTER, REPORT_MD_FILE, reportHeader, runCheckTable, unresolvedList } from "./render-report-md.ts";

/** GitHub allows 1 MiB per step summary; ours stays well under so other steps can append too. */
export const STEP_SUMMARY_MAX_BYTES = 256 * 1024;

/** Pure: the short form for GITHUB_STEP_SUMMARY — header, run checks, unresolved IDs, one line per unqualified plugin. */
export function renderStepSummaryMd(final: FinalReport): string {
  const notQualified = final.plugins
    .filter((p) => p.category !== "deprecated_removed" && !p.qualified)
    .map((p) => {
      const cells = CHECK_IDS.filter((c) => p.checks[c].status !== "pass").map((c) => `${c} ${p.checks[c].reason ? code(p.checks[c].reason!) : p.checks[c].status}`);
      return `- ${code(p.plugin_id)}: ${cells.join(", ")}`;
    });
  const lines = [
    ...reportHeader(final),
    ...runCheckTable(final),
    ...unresolvedList(final),
    "## Not qualified",
    "",
    ...(notQualified.length > 0 ? notQualified : ["None."]),
    "",
    `Details: \`${REPORT_MD_FILE}\`, \`junit.xml\` and \`final.json\` in the qualification output folder.`,
  ];
  return fitLines(lines, STEP_SUMMARY_MAX_BYTES, FINAL_POINTER, reportHeader(final).length);
}
