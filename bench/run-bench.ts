/**
 * `pnpm bench [--quick] [--sizes 100,1000,10000] [--repeats 3] [--profile] [--no-readme]`: the benchmark of issue 6.
 * Builds (or reuses) synthetic Autocapture NX platforms, measures the suite against the work it cannot avoid, side by
 * side in one run, and writes bench/results.json + bench/results.md (a full run also refreshes the README tables).
 * `--quick` runs 100 and 300 plugins into bench/work/ and leaves the committed results alone.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { parseFlags } from "../qualification/cli/command.ts";
import { SUITE_ROOT } from "../qualification/shared/options/resolve-options.ts";
import { BenchResults, type SizeResult } from "./bench-results.ts";
import { judgeGoals } from "./goals.ts";
import { benchEnv, benchOptions } from "./measure/bench-env.ts";
import { runTestQualify } from "./measure/end-to-end.ts";
import { measureHashing } from "./measure/hashing.ts";
import { measureStatic } from "./measure/static-qualification.ts";
import { measureVitestCosts } from "./measure/vitest-costs.ts";
import { summarizeProfiles } from "./measure/summarize-profile.ts";
import { timed } from "./measure/timing.ts";
import { measureWatchRerun } from "./measure/watch-rerun.ts";
import { renderResults, replaceBenchSection } from "./render-results.ts";
import { generateSyntheticPlatform } from "./synthetic-platform.ts";

const WORK = join(SUITE_ROOT, "bench/work");
const log = (line: string): void => void process.stderr.write(`bench: ${line}\n`);
const secs = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

async function main(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv, { strings: ["sizes", "repeats"], booleans: ["quick", "profile", "no-readme"] });
  const quick = flags.booleans.has("quick");
  const repeats = Number(flags.strings.get("repeats") ?? (quick ? "1" : "3"));
  const sizes = (flags.strings.get("sizes") ?? (quick ? "100,300" : "100,1000,10000")).split(",").map(Number);
  if (sizes.length < 2 || sizes.some((n) => !Number.isInteger(n) || n < 1))
    throw new Error("--sizes needs two or more plugin counts, e.g. 100,1000");
  const largest = Math.max(...sizes);
  const watchSize = sizes.includes(1000) ? 1000 : sizes.sort((a, b) => a - b).at(-1)!;
  mkdirSync(WORK, { recursive: true });
  const machine = {
    cpus: cpus().length,
    memory_gib: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
    python: execFileSync("python3", ["--version"], { encoding: "utf8" }).trim(),
    sha256sum: execFileSync("sha256sum", ["--version"], { encoding: "utf8" }).split("\n")[0]!.trim(),
    load_average_at_start: loadavg().map((l) => Math.round(l * 100) / 100),
  };
  log(
    `${quick ? "quick" : "full"} run over ${sizes.join(", ")} plugins; load average ${machine.load_average_at_start.join(" ")}`,
  );

  const results: SizeResult[] = [];
  let watch: BenchResults["watch"] | null = null;
  for (const plugins of [...sizes].sort((a, b) => a - b)) {
    const generated = await timed(() =>
      generateSyntheticPlatform(join(WORK, `platform-${plugins}`), plugins, { reuse: true }),
    );
    const platform = generated.value;
    log(
      `${plugins}: platform ${platform.reused ? "reused" : `generated in ${secs(generated.ms)}`} (${platform.fileCount} files, ${(platform.totalBytes / 1024 ** 2).toFixed(1)} MiB)`,
    );
    const env = benchEnv(platform.root, join(WORK, "out", String(plugins)), WORK);
    const hashing = await measureHashing(platform, WORK, quick ? 3 : 5);
    log(`${plugins}: hashing ${secs(hashing.suite_ms)} vs sha256sum ${secs(hashing.sha256sum_ms)}`);
    const statics = await measureStatic(benchOptions(env), plugins >= 10_000 ? 1 : quick ? 1 : 3, plugins < 10_000);
    if (statics.hash_ok_pass !== plugins || statics.allowlisted_pass !== plugins)
      throw new Error(
        `the ${plugins}-plugin synthetic platform is broken: hash_ok passed for ${statics.hash_ok_pass}, allowlisted for ${statics.allowlisted_pass}`,
      );
    log(`${plugins}: static qualification ${secs(statics.suite_ms)} vs platform CLI ${secs(statics.cli_ms)}`);
    const { e2e, bare } = await measureVitestCosts(env, WORK, plugins, repeats);
    log(
      `${plugins}: test:qualify ${secs(e2e.wall_ms)}, CPU ${secs(e2e.cpu_ms)} (${e2e.tests} tests, peak ${(e2e.peak_rss_bytes / 1024 ** 2).toFixed(0)} MiB); same work without Vitest ${secs(e2e.work_wall_ms)}, CPU ${secs(e2e.work_cpu_ms)}; bare Vitest ${secs(bare.wall_ms)}, CPU ${secs(bare.cpu_ms)} (medians of ${repeats})`,
    );
    results.push({
      plugins,
      files: platform.fileCount,
      bytes: platform.totalBytes,
      generate_ms: platform.reused ? 0 : generated.ms,
      hashing,
      static: statics,
      e2e,
      bare,
    });
    if (plugins === watchSize) {
      const target = platform.plugins[7]!;
      const figures = await measureWatchRerun(env, target.id, platform.pluginDirs[7]!, WORK);
      watch = {
        plugins,
        plugin_id: figures.plugin_id,
        rerun_ms: figures.rerun_ms,
        edit_rerun_ms: figures.edit_rerun_ms,
        cold_filtered_ms: figures.cold_filtered_ms,
        full_ms: e2e.wall_ms,
      };
      log(
        `${plugins}: watch re-run of ${target.id} ${secs(figures.rerun_ms)} (module saved unchanged), ${secs(figures.edit_rerun_ms)} (module edited); cold filtered run ${secs(figures.cold_filtered_ms)}`,
      );
    }
    if (flags.booleans.has("profile") && plugins === largest) {
      const dir = join(WORK, "profiles", String(plugins));
      rmSync(dir, { recursive: true, force: true });
      await runTestQualify(env, WORK, plugins, dir);
      writeFileSync(join(WORK, `profile-${plugins}.txt`), `${summarizeProfiles(dir).join("\n")}\n`);
      log(`${plugins}: CPU profile summary in ${join(WORK, `profile-${plugins}.txt`)}`);
    }
  }

  const final = BenchResults.parse({
    schema_version: 1,
    mode: quick ? "quick" : "full",
    measured_at: new Date().toISOString(),
    machine,
    sizes: results,
    watch,
    goals: judgeGoals(results, watch!),
  });
  const table = renderResults(final);
  const [jsonPath, mdPath] = quick
    ? [join(WORK, "results-quick.json"), join(WORK, "results-quick.md")]
    : [join(SUITE_ROOT, "bench/results.json"), join(SUITE_ROOT, "bench/results.md")];
  writeFileSync(jsonPath, `${JSON.stringify(final, null, 2)}\n`);
  writeFileSync(mdPath, table);
  if (!quick && !flags.booleans.has("no-readme"))
    for (const readme of [join(SUITE_ROOT, "README.md"), join(SUITE_ROOT, "bench/README.md")])
      writeFileSync(readme, replaceBenchSection(readFileSync(readme, "utf8"), table));
  process.stdout.write(`${table}\nbench: ${jsonPath}, ${mdPath}\n`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
