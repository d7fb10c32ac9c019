import { describe, expect, test } from "vitest";
import type { FinalReport } from "../contracts/final-report.ts";
import { CHECK_IDS } from "../contracts/reason-codes.ts";
import { sampleFinalReport } from "../setup/testing/sample-final-report.ts";
import { renderReportMd, REPORT_MAX_BYTES } from "./render-report-md.ts";

const bytes = (s: string) => Buffer.byteLength(s, "utf8");

/** A final.json far larger than 1 MiB once rendered: many plugins, each failing with a long detail. */
function hugeReport(): FinalReport {
  const base = sampleFinalReport();
  const beta = base.plugins.find((p) => p.plugin_id === "builtin.beta")!;
  const plugins = Array.from({ length: 3000 }, (_, i) => ({
    ...beta,
    plugin_id: `bulk.plugin_${String(i).padStart(4, "0")}`,
    checks: { ...beta.checks, hash_ok: { ...beta.checks.hash_ok, detail: `${"é".repeat(200)} ${i}` } },
  }));
  return { ...base, plugins };
}

describe("renderReportMd", () => {
  test("snapshot: header, run checks, unresolved IDs, Y/N table, failures with reasons, not-applicable reasons", async () => {
    await expect(renderReportMd(sampleFinalReport())).toMatchFileSnapshot("./__snapshots__/sample-report.md");
  });

  test("a Y/N line per plugin with a cell per check", () => {
    const md = renderReportMd(sampleFinalReport());
    expect(md).toContain(`| plugin | category | qualified | ${CHECK_IDS.join(" | ")} |`);
    expect(md).toContain("| `builtin.beta` | active_required | N | Y | N | Y | N | N | ERR |");
    expect(md).toContain("| `legacy.capture` | deprecated_removed | N | n/a | n/a | n/a | n/a | n/a | n/a |");
  });

  test("nothing from the run section (time, host, run id) appears", () => {
    const md = renderReportMd(sampleFinalReport());
    for (const value of ["run-1", "host-a", "2025-01-01"]) expect(md).not.toContain(value);
  });

  test("deterministic truncation: under 1 MiB, whole lines, header kept, pointer to final.json", () => {
    const huge = hugeReport();
    const md = renderReportMd(huge);
    expect(bytes(md)).toBeLessThanOrEqual(REPORT_MAX_BYTES);
    expect(bytes(md)).toBeGreaterThan(REPORT_MAX_BYTES - 4096);
    expect(md.startsWith("# Plugin qualification: NOT OK\n")).toBe(true);
    expect(md).toMatch(
      /\n> \*\*Truncated:\*\* \d+ of \d+ lines left out to keep this file under 1048576 bytes\. The complete, machine-readable result is in `final\.json`\.\n$/,
    );
    expect(renderReportMd(huge)).toBe(md);
  });

  test("a tiny budget still keeps the header and says what was cut", () => {
    const md = renderReportMd(sampleFinalReport(), 1200);
    expect(md).toContain("- **Inventory:** sha256");
    expect(md).toMatch(/> \*\*Truncated:\*\* \d+ of \d+ lines/);
    expect(md.split("\n").every((line) => !line.includes("\uFFFD"))).toBe(true);
  });
});
