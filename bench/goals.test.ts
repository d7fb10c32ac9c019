import { expect, test } from "vitest";
import type { BenchResults, SizeResult } from "./bench-results.ts";
import { judgeGoals } from "./goals.ts";
import { renderResults, replaceBenchSection } from "./render-results.ts";

const size = (plugins: number, scale: number): SizeResult => ({
  plugins,
  files: plugins * 5,
  bytes: plugins * 12_000,
  generate_ms: 0,
  hashing: { suite_ms: 110 * scale, sha256sum_ms: 100 * scale, suite_samples_ms: [], sha256sum_samples_ms: [] },
  static: {
    suite_ms: 1200 * scale,
    cli_ms: 1000 * scale,
    suite_samples_ms: [],
    cli_samples_ms: [],
    hash_ok_pass: plugins,
    allowlisted_pass: plugins,
  },
  e2e: {
    wall_ms: 3000 * scale,
    cpu_ms: 3000 * scale,
    peak_rss_bytes: 300 * 1024 ** 2 * scale,
    tests: plugins * 6 + 8,
    work_wall_ms: 1000 * scale,
    work_cpu_ms: 1000 * scale,
    samples: { wall_ms: [], cpu_ms: [], work_wall_ms: [], work_cpu_ms: [] },
  },
  bare: { wall_ms: 1000 * scale, cpu_ms: 1000 * scale, peak_rss_bytes: 0, samples: { wall_ms: [], cpu_ms: [] } },
});
const WATCH: BenchResults["watch"] = {
  plugins: 1000,
  plugin_id: "synthetic.plugin_00007",
  rerun_ms: 2_000,
  edit_rerun_ms: 4_000,
  cold_filtered_ms: 3_000,
  full_ms: 10_000,
};

test("goals are judged at the largest size; linearity per unit of growth between the two largest", () => {
  const goals = judgeGoals([size(1000, 1), size(100, 0.2), size(10_000, 12)], WATCH);
  const byId = Object.fromEntries(goals.map((g) => [g.id, g]));
  expect(byId.hashing).toMatchObject({ value: 1.1, met: true, label: "hashing vs sha256sum (10000 plugins)" });
  expect(byId.static!.value).toBeCloseTo(14_400 / (1_200 + 12_000));
  expect(byId.linear).toMatchObject({ value: 1.2, limit: 1.1, met: false });
  // Added cost between 1k and 10k: suite (36 s − 12 s work) − (3 s − 1 s) = 22 s, bare 12 s − 1 s = 11 s.
  expect(byId.per_test_overhead!.value).toBeCloseTo(22 / 11);
  expect(byId.per_test_overhead!.met).toBe(false);
  expect(byId.watch_rerun).toMatchObject({ value: 0.2, met: false });
  expect(byId.watch_rerun_edit).toMatchObject({ value: 0.4, met: false });
  expect(byId.peak_rss!.value).toBeCloseTo((3600 * 1024 ** 2) / 1024 ** 3);
  expect(byId.peak_rss!.met).toBe(false);
});

test("the table shows every size and goal, and only the marked README section is replaced", () => {
  const sizes = [size(100, 0.2), size(1000, 1)];
  const results: BenchResults = {
    schema_version: 1,
    mode: "quick",
    measured_at: "2026-01-01T00:00:00.000Z",
    machine: {
      cpus: 2,
      memory_gib: 24,
      node: "v20.0.0",
      python: "Python 3.11.7",
      sha256sum: "sha256sum (GNU coreutils) 9.1",
      load_average_at_start: [1, 2, 3],
    },
    sizes,
    watch: WATCH,
    goals: judgeGoals(sizes, WATCH),
  };
  const table = renderResults(results);
  expect(table).toContain("| 1,000 | 5,000 | 11 MiB | 0.11 s / 0.10 s = 1.10× |");
  expect(table.match(/^\| .* \| (yes|\*\*no\*\*) \|/gm)).toHaveLength(7);
  const readme = "intro\n<!-- bench:begin -->\nold\n<!-- bench:end -->\noutro\n";
  expect(replaceBenchSection(readme, table)).toBe(`intro\n<!-- bench:begin -->\n${table}<!-- bench:end -->\noutro\n`);
  expect(replaceBenchSection("no markers\n", table)).toBe("no markers\n");
});
