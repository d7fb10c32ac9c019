import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { StrengthReport } from "../../../contracts/probe-strength.ts";
import { canonicalJson } from "../../shared/canonical/canonical-json.ts";
import { resolveOptions } from "../../shared/options/resolve-options.ts";
import { catalogPluginIds } from "../../gather/probe/load-probe-spec.ts";
import { runProbeStrength } from "../../commands/strength/run-probe-strength.ts";
import { parseFlags, UsageError, type QualifyCommand } from "../command.ts";

export const STRENGTH_FILE = "probe-strength.json";

const command: QualifyCommand = {
  summary: "mutate each plugin's code (seeded, in copies) and count the mutants its probe spec catches",
  usage: "probe strength <plugin_id>… | --all [--budget N] [--seed S] [--jobs N] [--out <file>]",
  async run(args, io) {
    const flags = parseFlags(args, { strings: ["budget", "seed", "out", "jobs"], booleans: ["all"] });
    const jobs = Number(flags.strings.get("jobs") ?? "1");
    if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError("--jobs must be an integer ≥ 1");
    const budget = Number(flags.strings.get("budget") ?? "10");
    const seed = Number(flags.strings.get("seed") ?? "1");
    if (!Number.isInteger(budget) || budget < 1) throw new UsageError("--budget must be an integer ≥ 1");
    if (!Number.isInteger(seed)) throw new UsageError("--seed must be an integer");
    const all = flags.booleans.has("all");
    if (all === flags.positionals.length > 0)
      throw new UsageError("give plugin IDs or --all, not both and not neither");
    const options = resolveOptions(io.env, io.cwd);
    const pluginIds = all ? catalogPluginIds(options.probeCatalog.dir) : [...flags.positionals];
    if (pluginIds.length === 0)
      throw new UsageError(`no probe spec in the catalog in use (${options.probeCatalog.dir ?? "none"})`);
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(io.env)) if (value !== undefined) env[key] = value;
    const report = await runProbeStrength({ env, pluginIds, budget, seed, jobs, log: io.err });
    StrengthReport.parse(report);
    const out = flags.strings.get("out") ?? join(options.outDir, STRENGTH_FILE);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, `${canonicalJson(report)}\n`);
    for (const line of renderStrength(report)) io.out(line);
    io.out(`→ ${out}`);
    return report.plugins.every(
      (p) => p.baseline.status === "pass" && p.summary.survived === 0 && p.summary.errors === 0,
    )
      ? 0
      : 1;
  },
};
export default command;

export function renderStrength(report: StrengthReport): string[] {
  const lines = [
    `${"plugin".padEnd(34)} ${"baseline".padEnd(10)} ${"caught/mutants".padStart(14)} ${"score".padStart(6)}  survivors`,
  ];
  for (const p of report.plugins) {
    const s = p.summary;
    const base = p.baseline.status === "pass" ? "pass" : `${p.baseline.status}:${p.baseline.reason ?? ""}`;
    const survivors = p.mutants
      .filter((m) => m.outcome === "survived")
      .map((m) => `${m.file}:${m.line} ${m.kind} (${m.description})`);
    lines.push(
      `${p.plugin_id.padEnd(34)} ${base.padEnd(10)} ${`${s.caught}/${s.mutants}`.padStart(14)} ${(s.score === null ? "-" : `${Math.round(s.score * 100)}%`).padStart(6)}  ${survivors.join("; ") || "-"}`,
    );
  }
  // The catalog's strength: over the plugins whose spec passes, caught / decided (errors decide nothing).
  const passing = report.plugins.filter((p) => p.baseline.status === "pass");
  const caught = passing.reduce((n, p) => n + p.summary.caught, 0);
  const decided = passing.reduce((n, p) => n + p.summary.caught + p.summary.survived, 0);
  lines.push(
    `total: ${passing.length}/${report.plugins.length} baseline(s) pass; ${caught}/${decided} decided mutant(s) caught${decided > 0 ? ` (${percentDown(caught, decided)})` : ""}`,
  );
  return lines;
}

/** A share to one decimal, rounded down: a score just under a bar (79.96%) never reads as reaching it. */
export function percentDown(part: number, whole: number): string {
  return `${(Math.floor((part / whole) * 1000) / 10).toFixed(1)}%`;
}
