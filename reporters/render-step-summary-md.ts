import type { FinalReport } from "../contracts/final-report.ts";
import { CHECK_IDS } from "../contracts/reason-codes.ts";
import { code, fitLines } from "./markdown/markdown-text.ts";
import {
  FINAL_POINTER,
  querySection,
  REPORT_MD_FILE,
  reportHeader,
  runCheckTable,
  unresolvedList,
} from "./render-report-md.ts";

/** GitHub allows 1 MiB per step summary; ours stays well under so other steps can append too. */
const STEP_SUMMARY_MAX_BYTES = 256 * 1024;

/** Plugins named per reason before "and N more": the summary is read on one screen. */
const NAMED = 8;

/**
 * Pure: the short form for GITHUB_STEP_SUMMARY — header, run checks, unresolved IDs, the failing checks grouped
 * by check and reason (how many plugins, which, and the fix, with its command where one applies), then the query
 * tier. Ninety plugins failing the same way are one line, not ninety.
 */
export function renderStepSummaryMd(final: FinalReport): string {
  const groups = new Map<string, { check: string; reason: string; plugins: string[]; fix: string | null }>();
  for (const p of final.plugins) {
    if (p.category === "deprecated_removed") continue;
    for (const check of CHECK_IDS) {
      const v = p.checks[check];
      if (v.status === "pass" || v.status === "not_applicable") continue;
      const reason = v.reason ?? v.status;
      const key = `${check}\u0000${reason}`;
      const group = groups.get(key) ?? { check, reason, plugins: [], fix: null };
      group.plugins.push(p.plugin_id);
      // The first fix stands for the group; a command is shown with the plugin it was made for.
      if (group.fix === null && v.remediation)
        group.fix = `${v.remediation.summary}${v.remediation.command ? ` — e.g. ${code(v.remediation.command)}` : ""}`;
      groups.set(key, group);
    }
  }
  const failing = [...groups.values()]
    .sort(
      (a, b) =>
        b.plugins.length - a.plugins.length ||
        CHECK_IDS.indexOf(a.check as never) - CHECK_IDS.indexOf(b.check as never) ||
        (a.reason < b.reason ? -1 : 1),
    )
    .flatMap((g) => {
      const named = g.plugins.slice(0, NAMED).map(code).join(", ");
      const more = g.plugins.length > NAMED ? ` and ${g.plugins.length - NAMED} more` : "";
      return [
        `- **${g.check}** ${code(g.reason)} — ${g.plugins.length} plugin(s): ${named}${more}`,
        ...(g.fix ? [`  - fix: ${g.fix}`] : []),
      ];
    });
  const lines = [
    ...reportHeader(final),
    ...runCheckTable(final),
    ...unresolvedList(final),
    "## Failing checks, by reason",
    "",
    ...(failing.length > 0 ? failing : ["None."]),
    "",
    ...querySection(final),
    `Details: \`${REPORT_MD_FILE}\`, \`junit.xml\` and \`final.json\` in the qualification output folder.`,
  ];
  return fitLines(lines, STEP_SUMMARY_MAX_BYTES, FINAL_POINTER, reportHeader(final).length);
}
