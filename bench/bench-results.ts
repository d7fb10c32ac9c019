import { z } from "zod";

const Ms = z.number().nonnegative();

export const SizeResult = z
  .object({
    plugins: z.number().int(),
    files: z.number().int(),
    bytes: z.number().int(),
    generate_ms: Ms,
    hashing: z
      .object({ suite_ms: Ms, sha256sum_ms: Ms, suite_samples_ms: z.array(Ms), sha256sum_samples_ms: z.array(Ms) })
      .strict(),
    static: z
      .object({
        suite_ms: Ms,
        cli_ms: Ms,
        suite_samples_ms: z.array(Ms),
        cli_samples_ms: z.array(Ms),
        hash_ok_pass: z.number().int(),
        allowlisted_pass: z.number().int(),
      })
      .strict(),
    e2e: z
      .object({
        wall_ms: Ms,
        cpu_ms: Ms,
        peak_rss_bytes: z.number().int(),
        tests: z.number().int(),
        work_wall_ms: Ms,
        work_cpu_ms: Ms,
        samples: z
          .object({ wall_ms: z.array(Ms), cpu_ms: z.array(Ms), work_wall_ms: z.array(Ms), work_cpu_ms: z.array(Ms) })
          .strict(),
      })
      .strict(),
    bare: z
      .object({
        wall_ms: Ms,
        cpu_ms: Ms,
        peak_rss_bytes: z.number().int(),
        samples: z.object({ wall_ms: z.array(Ms), cpu_ms: z.array(Ms) }).strict(),
      })
      .strict(),
  })
  .strict();
export type SizeResult = z.infer<typeof SizeResult>;

export const Goal = z
  .object({
    id: z.enum(["hashing", "static", "linear", "per_test_overhead", "watch_rerun", "watch_rerun_edit", "peak_rss"]),
    label: z.string(),
    value: z.number(),
    limit: z.number(),
    unit: z.enum(["ratio", "GiB"]),
    met: z.boolean(),
    /** How the value was computed, in words and numbers. */
    basis: z.string(),
  })
  .strict();
export type Goal = z.infer<typeof Goal>;

/** `bench/results.json`: what `pnpm bench` measured, side by side, in one run on one machine. */
export const BenchResults = z
  .object({
    schema_version: z.literal(1),
    mode: z.enum(["quick", "full"]),
    measured_at: z.string(),
    machine: z
      .object({
        cpus: z.number().int(),
        memory_gib: z.number(),
        node: z.string(),
        python: z.string(),
        sha256sum: z.string(),
        load_average_at_start: z.array(z.number()),
      })
      .strict(),
    sizes: z.array(SizeResult),
    /**
     * `rerun_ms`: the platform's inputs unchanged (a probe spec edited, a file saved as it was); `edit_rerun_ms`: after
     * a code edit.
     */
    watch: z
      .object({
        plugins: z.number().int(),
        plugin_id: z.string(),
        rerun_ms: Ms,
        edit_rerun_ms: Ms,
        cold_filtered_ms: Ms,
        full_ms: Ms,
      })
      .strict(),
    goals: z.array(Goal),
  })
  .strict();
export type BenchResults = z.infer<typeof BenchResults>;
