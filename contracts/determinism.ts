import { z } from "zod";

/**
 * A test's class over the marshal's runs (issue 6): its verdict changed (`flaky`), only its evidence did, or neither.
 */
export const StabilityClass = z.enum(["stable", "flaky", "unstable_evidence"]);
export type StabilityClass = z.infer<typeof StabilityClass>;

export const TestStability = z
  .object({
    test: z.string(),
    class: StabilityClass,
    /** `status:reason` per run, in run order. */
    verdicts: z.array(z.string()),
    /** Where the canonical evidence of a run first differs from run 1's (JSON pointers), per differing run. */
    diffs: z.array(z.object({ run: z.number().int().min(2), pointers: z.array(z.string()) }).strict()),
  })
  .strict();
export type TestStability = z.infer<typeof TestStability>;

/** `determinism.json`, written by `pnpm qualify marshal` and carried in the signed bundle when present. */
export const DeterminismReport = z
  .object({
    schema_version: z.literal(1),
    runs: z.number().int().min(1),
    seeds: z.array(z.number().int()),
    summary: z
      .object({ stable: z.number().int(), flaky: z.number().int(), unstable_evidence: z.number().int() })
      .strict(),
    tests: z.array(TestStability),
  })
  .strict();
export type DeterminismReport = z.infer<typeof DeterminismReport>;
