import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { FidelityReport } from "../../../contracts/fidelity.ts";
import { requiredPort } from "../../gather/adapters/required-port.ts";
import { canonicalJson } from "../../shared/canonical/canonical-json.ts";
import { runFidelity } from "../../commands/fidelity/run-fidelity.ts";
import { suiteView } from "../../commands/fidelity/suite-view.ts";
import { resolveOptions } from "../../shared/options/resolve-options.ts";
import { parseFlags, UsageError, type QualifyCommand } from "../command.ts";

const FIDELITY_FILE = "fidelity.json";

const command: QualifyCommand = {
  summary:
    "judge N seeded variants of the target with the suite and with the platform's own code; exit 1 on any disagreement",
  usage: "fidelity [--seeds N] [--seed S] [--out <file>]",
  async run(args, io) {
    const flags = parseFlags(args, { strings: ["seeds", "seed", "out"] });
    const count = Number(flags.strings.get("seeds") ?? "20");
    const first = Number(flags.strings.get("seed") ?? "1");
    if (!Number.isInteger(count) || count < 1) throw new UsageError("--seeds must be an integer ≥ 1");
    if (!Number.isInteger(first)) throw new UsageError("--seed must be an integer");
    if (flags.positionals.length > 0) throw new UsageError(`unexpected argument ${flags.positionals[0]}`);
    const options = resolveOptions(io.env, io.cwd);
    const port = requiredPort(options.adapter, "fidelity", "fidelity")(options);
    const out = flags.strings.get("out") ?? join(options.outDir, FIDELITY_FILE);
    // The suite side sees what a qualify run would: the user's QUALIFY_* and AUTOCAPTURE_* settings.
    const baseEnv: Record<string, string> = {};
    for (const [key, value] of Object.entries(io.env))
      if (
        value !== undefined &&
        (key === "PATH" ||
          key === "HOME" ||
          // The same platform on both sides: the suite judges through the adapter whose oracle it is compared with.
          key === "QUALIFY_ADAPTER" ||
          key === "QUALIFY_PYTHON" ||
          key === "QUALIFY_CLI_TIMEOUT_MS" ||
          key === "QUALIFY_PLUGIN_LOAD_TIMEOUT_MS")
      )
        baseEnv[key] = value;
    const report = await runFidelity({
      target: options.target,
      seeds: Array.from({ length: count }, (_, k) => first + k),
      port,
      judge: (variant) => suiteView(variant, baseEnv),
      log: io.err,
    });
    FidelityReport.parse(report);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, `${canonicalJson(report)}\n`);
    for (const line of renderFidelity(report)) io.out(line);
    io.out(`→ ${out}`);
    return report.summary.disagreements > 0 || report.summary.variants_in_error > 0 ? 1 : 0;
  },
};
export default command;

/** The short table: per check, how many verdicts were compared and how many disagreed; then each disagreement. */
function renderFidelity(report: FidelityReport): string[] {
  const s = report.summary;
  const lines = [
    `fidelity: ${s.variants} variant(s) of ${report.target} (seeds ${report.seeds[0]}–${report.seeds.at(-1)}), ${s.comparisons} comparisons, ${s.disagreements} disagreement(s), ${s.variants_in_error} variant(s) in error, ${(report.run.ms_per_variant / 1000).toFixed(1)} s per variant`,
    `${"check".padEnd(20)} ${"compared".padStart(9)} ${"disagree".padStart(9)}`,
    ...Object.entries(s.by_check).map(
      ([check, c]) => `${check.padEnd(20)} ${String(c.compared).padStart(9)} ${String(c.disagreements).padStart(9)}`,
    ),
  ];
  for (const v of report.variants) {
    if (v.error)
      lines.push(`seed ${v.seed}: ERROR ${v.error}  (mutations: ${v.mutations.map((m) => m.detail).join("; ")})`);
    for (const d of v.disagreements)
      lines.push(
        `seed ${v.seed}: ${d.plugin_id ?? "(run)"} › ${d.check}: suite ${d.suite}, platform ${d.platform} (${d.platform_detail})  mutations: ${v.mutations.map((m) => m.detail).join("; ")}`,
      );
  }
  return lines;
}
