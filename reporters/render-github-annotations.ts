import { existsSync, readFileSync } from "node:fs";
import { isAbsolute, join, relative } from "node:path";
import type { FinalReport } from "../contracts/final-report.ts";
import { CHECK_IDS } from "../contracts/reason-codes.ts";
import type { Verdict } from "../contracts/verdict.ts";
import { jsonPointerLine } from "../qualification/shared/json/json-pointer-line.ts";
import { testName } from "../qualification/session/plan.ts";

/** GitHub shows at most this many annotations of a kind per step; more would only hide the first ones' order. */
const MAX_PER_KIND = 50;

// Workflow-command escaping (GitHub's toolkit): data escapes % CR LF; properties also , and :.
const data = (s: string): string => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const prop = (s: string): string => data(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

interface Item {
  readonly test: string;
  readonly verdict: Verdict;
}

/**
 * `::error` (fail) and `::warning` (infra_error: the suite could not decide) workflow commands, one per failing
 * verdict that points at a file — on that file and the line its JSON pointer names, relative to the workspace
 * so GitHub shows it in the diff — and one per reason for the rest, naming how many tests share it (ninety
 * SPEC_MISSING lines help nobody). Pure apart from reading the target's files for line numbers.
 */
export function renderGithubAnnotations(final: FinalReport, workspace: string): string[] {
  const items: Item[] = [
    ...Object.entries(final.run_checks).map(([check, verdict]) => ({ test: testName("run", check), verdict })),
    ...final.plugins.flatMap((p) =>
      CHECK_IDS.map((check) => ({ test: testName(p.plugin_id, check), verdict: p.checks[check] })),
    ),
  ].filter((i) => i.verdict.status === "fail" || i.verdict.status === "infra_error");
  const lines: string[] = [];
  const grouped = new Map<string, Item[]>();
  const texts = new Map<string, string | null>();
  const lineOf = (file: string, pointer: string | null): number | null => {
    if (pointer === null) return null;
    const path = join(final.target.root, file);
    if (!texts.has(path)) texts.set(path, existsSync(path) ? readFileSync(path, "utf8") : null);
    const text = texts.get(path);
    return text ? jsonPointerLine(text, pointer) : null;
  };
  for (const item of items) {
    const location = item.verdict.locations?.[0];
    if (!location) {
      const key = `${item.verdict.status}\u0000${item.verdict.reason ?? ""}`;
      grouped.set(key, [...(grouped.get(key) ?? []), item]);
      continue;
    }
    const absolute = join(final.target.root, location.file);
    const shown = relative(workspace, absolute);
    const file = shown.startsWith("..") || isAbsolute(shown) ? absolute : shown;
    const line = lineOf(location.file, location.pointer);
    const props = [
      `file=${prop(file)}`,
      ...(line ? [`line=${line}`] : []),
      `title=${prop(`${item.test}: ${item.verdict.reason ?? item.verdict.status}`)}`,
    ];
    lines.push(
      `::${item.verdict.status === "fail" ? "error" : "warning"} ${props.join(",")}::${data(message(item.verdict))}`,
    );
  }
  for (const [key, group] of [...grouped].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const [status, reason] = key.split("\u0000") as [string, string];
    const first = group[0]!;
    const names = group
      .slice(0, 5)
      .map((g) => g.test)
      .join(", ");
    const more = group.length > 5 ? `, … (${group.length - 5} more)` : "";
    const title = `${reason || status}: ${group.length} test(s)`;
    lines.push(
      `::${status === "fail" ? "error" : "warning"} title=${prop(title)}::${data(`${names}${more}\n${message(first.verdict)}`)}`,
    );
  }
  // Query cases carry no file: one annotation per class and reason.
  const queries = new Map<string, string[]>();
  for (const c of final.queries?.cases ?? []) {
    if (c.class !== "fail" && c.class !== "infra_error") continue;
    const key = `${c.class}\u0000${c.reason ?? ""}`;
    queries.set(key, [...(queries.get(key) ?? []), `query › ${c.tier} › ${c.case_id}`]);
  }
  for (const [key, names] of [...queries].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const [cls, reason] = key.split("\u0000") as [string, string];
    const root = final.queries?.root_cause
      ? `\nroot cause: ${final.queries.root_cause.reason}: ${final.queries.root_cause.detail}`
      : "";
    lines.push(
      `::${cls === "fail" ? "error" : "warning"} title=${prop(`query ${reason || cls}: ${names.length} case(s)`)}::${data(`${names.slice(0, 5).join(", ")}${names.length > 5 ? `, … (${names.length - 5} more)` : ""}${root}`)}`,
    );
  }
  const errors = lines.filter((l) => l.startsWith("::error")).slice(0, MAX_PER_KIND);
  const warnings = lines.filter((l) => l.startsWith("::warning")).slice(0, MAX_PER_KIND);
  return [...errors, ...warnings];
}

function message(verdict: Verdict): string {
  const fix = verdict.remediation
    ? `\nfix: ${verdict.remediation.summary}${verdict.remediation.command ? `\n  ${verdict.remediation.command}` : ""}`
    : "";
  return `${verdict.reason ?? verdict.status}: ${verdict.detail.split("\n", 1)[0] ?? ""}${fix}`;
}
