import type { MergeReport } from "../../../contracts/proof-bundle.ts";

/** Human lines: one per partial (its shard and own verify result), one per problem, then the verdict line. */
export function renderMergeReport(report: MergeReport, summary: string | null): string[] {
  const lines = report.partials.map(
    (p) =>
      `partial ${p.dir}: ${p.shard ? `shard ${p.shard.index}/${p.shard.count}` : "not a shard"}, verify ${p.verify.join(", ")}`,
  );
  for (const p of report.problems) lines.push(`REJECT ${p.code}${p.partial ? ` [${p.partial}]` : ""}: ${p.detail}`);
  lines.push(
    report.ok
      ? `merge: OK${summary ? ` — ${summary}` : ""}`
      : `merge: REJECTED (${[...new Set(report.problems.map((p) => p.code))].join(", ")}); nothing was written`,
  );
  return lines;
}
