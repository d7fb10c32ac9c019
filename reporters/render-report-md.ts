import type { FinalReport } from "../contracts/final-report.ts";
import { QueryTier } from "../contracts/expected-answers.ts";
import type { FinalQueryCase } from "../contracts/query-run.ts";
import { CHECK_IDS, type CheckId, type CheckStatus } from "../contracts/reason-codes.ts";
import type { Verdict } from "../contracts/verdict.ts";
import { canonicalJson } from "../qualification/shared/canonical/canonical-json.ts";
import { cell, clip, code, fenced, fitLines } from "./markdown/markdown-text.ts";

export const REPORT_MD_FILE = "report.md";
/** report.md stays under 1 MiB; past that it is cut deterministically with a pointer to final.json. */
export const REPORT_MAX_BYTES = 1024 * 1024;
export const FINAL_POINTER = "The complete, machine-readable result is in `final.json`.";

const STATUS_CELL: Record<CheckStatus, string> = { pass: "Y", fail: "N", infra_error: "ERR", not_applicable: "n/a" };
const LEGEND =
  "Y = pass · N = fail · ERR = infrastructure error (the suite could not decide; not a plugin verdict) · n/a = not applicable (reason below)";

const reasonOf = (v: Verdict): string => (v.reason ? code(v.reason) : "");

/** The header every rendering starts with: the verdict and the numbers. No clock, host or run id. */
export function reportHeader(final: FinalReport): string[] {
  const s = final.summary;
  const c = s.checks;
  const runChecks = Object.values(final.run_checks);
  return [
    `# Plugin qualification: ${final.ok ? "OK" : "NOT OK"}`,
    "",
    `- **Target:** ${code(final.target.root)} @ ${final.target.commit ? code(final.target.commit) : "(not a git checkout)"}`,
    `- **Platform:** ${final.platform.adapter}, kernel API ${final.platform.kernel_api_version ?? "unknown"}`,
    `- **Plugins:** ${s.plugins_total} canonical — ${s.qualified} qualified, ${s.not_qualified} not qualified, ${s.deprecated} deprecated, ${s.unresolved} unresolved`,
    `- **Tests:** ${s.tests_emitted} plugin × check (pass ${c.pass}, fail ${c.fail}, infra_error ${c.infra_error}, not_applicable ${c.not_applicable}); run checks ${runChecks.filter((v) => v.status === "pass").length}/${runChecks.length} pass`,
    `- **Inventory:** sha256 ${code(final.inventory_sha256)}`,
    "",
  ];
}

function verdictLines(label: string, v: Verdict): string[] {
  const [first = "", ...rest] = v.detail.split(/\r?\n/);
  const verdict = [STATUS_CELL[v.status], reasonOf(v)].filter((part) => part !== "").join(" ");
  const lines = [`- ${label} — ${verdict}: ${first}`];
  if (rest.length > 0) lines.push(...fenced(rest.join("\n")));
  if (v.platform_error) lines.push(`  - platform said: ${code(clip(v.platform_error, 500))}`);
  for (const l of v.locations ?? [])
    lines.push(`  - at: ${code(`${l.file}${l.pointer !== null ? `#${l.pointer}` : ""}`)}`);
  if (v.command) lines.push(`  - command: ${code(v.command)}`);
  if (v.remediation) {
    lines.push(`  - fix: ${code(v.remediation.code)} — ${cell(v.remediation.summary)}`);
    if (v.remediation.changed_files && v.remediation.changed_files.length > 0)
      lines.push(`    - changed since the lock: ${v.remediation.changed_files.map(code).join(", ")}`);
    if (v.remediation.command) lines.push(`    - run: ${code(v.remediation.command)}`);
  }
  if (v.expected !== undefined) lines.push(`  - expected: ${code(clip(canonicalJson(v.expected), 300))}`);
  if (v.actual !== undefined) lines.push(`  - actual: ${code(clip(canonicalJson(v.actual), 300))}`);
  return lines;
}

const failing = (v: Verdict): boolean => v.status === "fail" || v.status === "infra_error";

export function runCheckTable(final: FinalReport): string[] {
  const names = Object.keys(final.run_checks).sort();
  if (names.length === 0) return ["## Run checks", "", "No run checks were recorded.", ""];
  return [
    "## Run checks",
    "",
    "| check | ok | reason |",
    "| --- | --- | --- |",
    ...names.map((n) => `| ${n} | ${STATUS_CELL[final.run_checks[n]!.status]} | ${reasonOf(final.run_checks[n]!)} |`),
    "",
  ];
}

function pluginTable(final: FinalReport): string[] {
  return [
    "## Plugins",
    "",
    LEGEND,
    "",
    `| plugin | category | qualified | ${CHECK_IDS.join(" | ")} |`,
    `| --- | --- | --- | ${CHECK_IDS.map(() => "---").join(" | ")} |`,
    ...final.plugins.map(
      (p) =>
        `| ${code(p.plugin_id)} | ${p.category} | ${p.qualified ? "Y" : "N"} | ${CHECK_IDS.map((c) => STATUS_CELL[p.checks[c].status]).join(" | ")} |`,
    ),
    "",
  ];
}

function failures(final: FinalReport): string[] {
  const lines = ["## Failures", ""];
  const run = Object.keys(final.run_checks)
    .sort()
    .filter((n) => failing(final.run_checks[n]!));
  if (run.length > 0)
    lines.push("### run", "", ...run.flatMap((n) => verdictLines(`**${n}**`, final.run_checks[n]!)), "");
  for (const p of final.plugins) {
    const checks = CHECK_IDS.filter((c) => failing(p.checks[c]));
    if (checks.length === 0) continue;
    // Checks failing with the very same verdict (e.g. an unresolved ID) are listed once.
    const groups = new Map<string, CheckId[]>();
    for (const c of checks)
      groups.set(canonicalJson(p.checks[c]), [...(groups.get(canonicalJson(p.checks[c])) ?? []), c]);
    const items = [...groups.values()].flatMap((group) =>
      verdictLines(
        group.length === CHECK_IDS.length ? "**all checks**" : group.map((c) => `**${c}**`).join(", "),
        p.checks[group[0]!],
      ),
    );
    lines.push(`### ${code(p.plugin_id)}`, "", ...items, "");
  }
  if (lines.length === 2) lines.push("None.", "");
  return lines;
}

function notApplicable(final: FinalReport): string[] {
  const lines: string[] = [];
  for (const p of final.plugins) {
    const cells = CHECK_IDS.filter((c) => p.checks[c].status === "not_applicable");
    const same = cells.length === CHECK_IDS.length && new Set(cells.map((c) => canonicalJson(p.checks[c]))).size === 1;
    if (same)
      lines.push(
        `- ${code(p.plugin_id)} › all checks — ${reasonOf(p.checks.allowlisted)}: ${cell(p.checks.allowlisted.detail)}`,
      );
    else
      for (const c of cells)
        lines.push(`- ${code(p.plugin_id)} › ${c} — ${reasonOf(p.checks[c])}: ${cell(p.checks[c].detail)}`);
  }
  return ["## Not applicable", "", ...(lines.length > 0 ? lines : ["None."]), ""];
}

const QUERY_CELL: Record<FinalQueryCase["class"], string> = {
  pass: "Y",
  fail: "N",
  infra_error: "ERR",
  dependency_skipped: "skip",
};

/** The query tier: the service mode it ran under, per-tier totals, and every case that did not pass. */
export function querySection(final: FinalReport): string[] {
  const q = final.queries;
  if (!q) return [];
  const lines = [
    "## Queries",
    "",
    `- **Service mode:** ${q.service_mode ? code(q.service_mode) : "not probed"} (recorded before any case was judged)`,
  ];
  if (q.fault) lines.push(`- **Expected answers:** unusable — ${code(q.fault.code)}: ${cell(q.fault.detail)}`);
  else if (q.expected)
    lines.push(
      `- **Expected answers:** ${code(q.expected.source)} (${q.expected.format} format, sha256 ${code(q.expected.sha256)})`,
    );
  else lines.push("- **Expected answers:** none configured (QUALIFY_EXPECTED); no case was evaluated");
  if (q.root_cause) {
    const r = q.root_cause;
    lines.push(
      `- **Root cause (every CLI query):** ${code(r.reason)} [${r.attribution}] — ${cell(r.detail)} (seen in ${r.seen_in.map(code).join(" and ")}; the other CLI cases were not run). Fix: ${cell(r.remedy)}`,
    );
  }
  lines.push(
    "",
    "| tier | total | passed | failed | infra_error | dependency_skipped | ok |",
    "| --- | --- | --- | --- | --- | --- | --- |",
  );
  for (const tier of QueryTier.options) {
    const t = q.tiers[tier];
    lines.push(
      `| ${tier} | ${t.total} | ${t.passed} | ${t.failed} | ${t.infra_error} | ${t.dependency_skipped} | ${t.ok ? "Y" : "N"} |`,
    );
  }
  lines.push("");
  for (const c of q.cases.filter((c) => c.class !== "pass")) {
    const why = [
      QUERY_CELL[c.class],
      c.reason ? code(c.reason) : "",
      c.attribution ? `[${c.attribution}]` : "",
      c.dependencies.length > 0 ? `(${c.dependencies.join(", ")})` : "",
    ].filter((p) => p !== "");
    lines.push(`- ${code(c.case_id)} (${c.tier}) — ${why.join(" ")}: ${cell(c.detail)}`);
  }
  if (q.cases.some((c) => c.class !== "pass")) lines.push("");
  return lines;
}

export function unresolvedList(final: FinalReport): string[] {
  const items = final.unresolved_ids.map(
    (u) => `- ${code(u.plugin_id)} — referenced by ${u.referenced_by.map(code).join(", ")}, no plugin.json declares it`,
  );
  return ["## Unresolved IDs", "", ...(items.length > 0 ? items : ["None."]), ""];
}

/** Pure: final.json → report.md. Deterministic; truncated (never mid-line) to stay under `maxBytes`. */
export function renderReportMd(final: FinalReport, maxBytes: number = REPORT_MAX_BYTES): string {
  const header = reportHeader(final);
  const body = [
    ...runCheckTable(final),
    ...unresolvedList(final),
    ...pluginTable(final),
    ...querySection(final),
    ...failures(final),
    ...notApplicable(final),
  ];
  const footer = ["---", "", `Run details (time, host, run id) are in \`final.json\` › \`run\`. ${FINAL_POINTER}`];
  return fitLines([...header, ...body, ...footer], maxBytes, FINAL_POINTER, header.length);
}
