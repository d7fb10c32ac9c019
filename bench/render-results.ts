import type { BenchResults } from "./bench-results.ts";
import { vitestCpuOf } from "./goals.ts";

const s = (ms: number): string => (ms >= 100_000 ? `${(ms / 1000).toFixed(0)} s` : `${(ms / 1000).toFixed(2)} s`);
const mib = (bytes: number): string => `${(bytes / 1024 ** 2).toFixed(0)} MiB`;
const x = (value: number): string => `${value.toFixed(2)}×`;

/** Pure: the results as the markdown the README and `pnpm bench` show. */
export function renderResults(results: BenchResults): string {
  const m = results.machine;
  const lines = [
    `${results.mode === "full" ? "Full" : "Quick"} run, ${results.measured_at.slice(0, 10)}: ${m.cpus} CPUs, ${m.memory_gib} GiB, Node ${m.node}, ${m.python}, ${m.sha256sum}; load average at start ${m.load_average_at_start.map((l) => l.toFixed(1)).join(" ")}.`,
    "",
    "| Plugins | Files | Data | Hashing: suite / sha256sum | Static: suite / floor (sha256sum + CLI) | test:qualify wall (CPU) | same work without Vitest, wall (CPU) | Peak RSS | Tests | Vitest CPU: suite / bare |",
    "|---:|---:|---:|---|---|---:|---:|---:|---:|---|",
  ];
  for (const r of results.sizes) {
    const floor = r.hashing.sha256sum_ms + r.static.cli_ms;
    const cells = [
      r.plugins.toLocaleString("en-US"),
      r.files.toLocaleString("en-US"),
      mib(r.bytes),
      `${s(r.hashing.suite_ms)} / ${s(r.hashing.sha256sum_ms)} = ${x(r.hashing.suite_ms / r.hashing.sha256sum_ms)}`,
      `${s(r.static.suite_ms)} / ${s(floor)} = ${x(r.static.suite_ms / floor)}`,
      `${s(r.e2e.wall_ms)} (${s(r.e2e.cpu_ms)})`,
      `${s(r.e2e.work_wall_ms)} (${s(r.e2e.work_cpu_ms)})`,
      mib(r.e2e.peak_rss_bytes),
      r.e2e.tests.toLocaleString("en-US"),
      `${s(vitestCpuOf(r))} / ${s(r.bare.cpu_ms)} = ${x(vitestCpuOf(r) / r.bare.cpu_ms)}`,
    ];
    lines.push(`| ${cells.join(" | ")} |`);
  }
  const w = results.watch;
  lines.push(
    "",
    `Watch, ${w.plugins.toLocaleString("en-US")} plugins: re-run of \`${w.plugin_id}\` after saving its module unchanged ${s(w.rerun_ms)}, after editing it ${s(w.edit_rerun_ms)}; the same filter from a cold start ${s(w.cold_filtered_ms)}; full run ${s(w.full_ms)}.`,
    "",
  );
  lines.push("| Goal | Measured | Limit | Met | Basis |", "|---|---:|---:|:-:|---|");
  for (const g of results.goals) {
    const value = g.unit === "GiB" ? `${g.value.toFixed(2)} GiB` : x(g.value);
    const limit = g.unit === "GiB" ? `< ${g.limit} GiB` : `≤ ${g.limit}×`;
    lines.push(`| ${g.label} | ${value} | ${limit} | ${g.met ? "yes" : "**no**"} | ${g.basis} |`);
  }
  return `${lines.join("\n")}\n`;
}

/** Replaces the text between `<!-- bench:begin -->` and `<!-- bench:end -->` (both kept); the text if absent. */
export function replaceBenchSection(text: string, table: string): string {
  const begin = "<!-- bench:begin -->";
  const end = "<!-- bench:end -->";
  const from = text.indexOf(begin);
  const to = text.indexOf(end);
  if (from < 0 || to < from) return text;
  return `${text.slice(0, from + begin.length)}\n${table}${text.slice(to)}`;
}
