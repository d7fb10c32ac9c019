import type { VerifyReport } from "../../../../contracts/proof-bundle.ts";

/** Human lines: one per step (PASS/FAIL/SKIP, step, code, detail), each problem of a failed step, a verdict line. */
export function renderVerifyReport(report: VerifyReport): string[] {
  const lines = [`verify ${report.bundle}`];
  for (const step of report.steps) {
    lines.push(`${step.status.toUpperCase().padEnd(4)} ${step.step.padEnd(14)} ${step.code}: ${step.detail}`);
    if (step.problems.length > 1)
      for (const p of step.problems) lines.push(`       - ${p.code}${p.file ? ` [${p.file}]` : ""}: ${p.detail}`);
  }
  const failed = report.steps.filter((s) => s.status === "fail");
  lines.push(report.ok ? "verify: OK" : `verify: FAILED (${failed.map((s) => `${s.step}=${s.code}`).join(", ")})`);
  return lines;
}
