import { writtenLines } from "../writers/written-lines.ts";
import type { AlignReport } from "./run-align.ts";

/** Readable `align` output: the file diff, then what align leaves to a human, then what was written. */
export function renderAlign(report: AlignReport): string[] {
  const mode = report.applied
    ? "applied"
    : report.patch_count === 0
      ? "already aligned"
      : "preview (pass --apply to write)";
  const lines = [`align: ${report.config}: ${report.patch_count} JSON Patch operation(s), ${mode}`];
  const { allowlist, default_pack, enabled } = report.changes;
  const summary = (label: string, items: readonly string[]) =>
    items.length > 0 ? [`  ${label}: ${items.join(", ")}`] : [];
  lines.push(
    ...summary("allowlist +", allowlist.added),
    ...summary("allowlist -", allowlist.removed),
    ...summary("default_pack +", default_pack.added),
    ...summary("default_pack -", default_pack.removed),
    ...summary("enabled = true", enabled.added),
    ...summary("enabled -", enabled.removed),
  );
  lines.push(...report.diff);
  for (const limitation of report.limitations) lines.push(`note (${limitation.code}): ${limitation.detail}`);
  lines.push(...writtenLines(report.written, !report.applied && report.patch_count > 0));
  return lines;
}
