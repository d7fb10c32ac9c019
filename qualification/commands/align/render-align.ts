import type { AlignPort } from "../../gather/adapters/align-port.ts";
import { writtenLines } from "../writers/written-lines.ts";
import type { AlignReport } from "./run-align.ts";

/** How the readable summary names what each changed config member gains and loses (the platform's words). */
export type AlignChangeLabels = AlignPort["changeLabels"];

/** Readable `align` output: the file diff, then what align leaves to a human, then what was written. */
export function renderAlign(report: AlignReport, labels: AlignChangeLabels): string[] {
  const mode = report.applied
    ? "applied"
    : report.patch_count === 0
      ? "already aligned"
      : "preview (pass --apply to write)";
  const lines = [`align: ${report.config}: ${report.patch_count} JSON Patch operation(s), ${mode}`];
  const summary = (label: string, items: readonly string[]) =>
    items.length > 0 ? [`  ${label}: ${items.join(", ")}`] : [];
  for (const [member, change] of Object.entries(report.changes)) {
    const label = labels[member] ?? { added: `${member} +`, removed: `${member} -` };
    lines.push(...summary(label.added, change.added), ...summary(label.removed, change.removed));
  }
  lines.push(...report.diff);
  for (const limitation of report.limitations) lines.push(`note (${limitation.code}): ${limitation.detail}`);
  lines.push(...writtenLines(report.written, !report.applied && report.patch_count > 0));
  return lines;
}
