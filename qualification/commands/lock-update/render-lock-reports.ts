import { writtenLines } from "../writers/written-lines.ts";
import { renderLockDiff } from "./diff-lock-documents.ts";
import type { LockRollbackReport } from "./run-lock-rollback.ts";
import type { LockSignReport } from "./run-lock-sign.ts";
import type { LockUpdateReport } from "./run-lock-update.ts";

const signatureLine = (s: LockUpdateReport["signature"], dryRun: boolean): string[] =>
  s.action === "none"
    ? []
    : s.action === "keep"
      ? [`signature ${s.path}: kept (it still covers the lockfile)`]
      : [`signature ${s.path}: ${dryRun ? "would be re-signed" : "re-signed"} with anchor key ${s.key_id ?? "?"}`];

/** Readable `lock update` output: the diff a reviewer accepts, the files that drifted, and what was written. */
export function renderLockUpdate(report: LockUpdateReport): string[] {
  const scope = report.scope === "all" ? "every discovered plugin" : `${report.plugin_ids.length} plugin(s)`;
  const lines = [
    `lock update${report.dry_run ? " (dry run)" : ""}: ${report.lockfile} (${report.format.before}${report.format.after !== report.format.before ? ` -> ${report.format.after}` : ""}), ${scope}, ${report.changes_count} entry change(s)`,
  ];
  lines.push(...renderLockDiff(report.diff));
  for (const [id, files] of Object.entries(report.changed_files)) {
    if (files && files.length > 0)
      lines.push(`review ${id}: changed since the lockfile was committed: ${files.join(", ")}`);
  }
  if (report.reformatted)
    lines.push(
      "note: the lockfile was not in the platform's serialisation; it is rewritten as json.dumps(sort_keys=True, indent=2)",
    );
  lines.push(...signatureLine(report.signature, report.dry_run), ...writtenLines(report.written, report.dry_run));
  return lines;
}

export function renderLockSign(report: LockSignReport): string[] {
  return [
    `lock sign${report.dry_run ? " (dry run)" : ""}: ${report.lockfile} (sha256 ${report.lockfile_sha256})`,
    ...signatureLine(report.signature, report.dry_run),
    ...writtenLines(report.written, report.dry_run),
  ];
}

export function renderLockRollback(report: LockRollbackReport): string[] {
  const lines = [`lock rollback${report.dry_run ? " (dry run)" : ""}: ${report.lockfile} <- ${report.snapshot}`];
  if (report.skipped_snapshots.length > 0)
    lines.push(`skipped invalid snapshots: ${report.skipped_snapshots.join(", ")}`);
  lines.push(
    ...(report.diff
      ? renderLockDiff(report.diff)
      : [
          `the current lockfile ${report.before_sha256 === null ? "is missing" : "does not parse"}; it is restored whole`,
        ]),
  );
  lines.push(...signatureLine(report.signature, report.dry_run), ...writtenLines(report.written, report.dry_run));
  return lines;
}
