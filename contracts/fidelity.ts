import { z } from "zod";

/** The checks `qualify fidelity` compares: the static and load checks, the run's config and unresolved IDs. */
export const FIDELITY_CHECKS = ["allowlisted", "hash_ok", "enabled", "loaded", "capability_present"] as const;
export const FidelityCheck = z.enum([...FIDELITY_CHECKS, "config_valid", "unresolved", "inventory"]);
export type FidelityCheck = z.infer<typeof FidelityCheck>;

/** One change the adapter's mutation menu made to a variant (enough to replay it by hand). */
export const Mutation = z
  .object({
    kind: z.string(),
    plugin_id: z.string().nullable(),
    file: z.string(),
    detail: z.string(),
  })
  .strict();
export type Mutation = z.infer<typeof Mutation>;

/** What the platform's own code says about one plugin of a variant (the adapter's oracle). */
export const PlatformPluginView = z
  .object({
    deprecated: z.boolean(),
    allowlisted: z.boolean().optional(),
    hash_ok: z.boolean().optional(),
    hash_error: z.string().nullable().optional(),
    enabled: z.boolean().optional(),
    loaded: z.boolean().optional(),
    load_errors: z.array(z.string()).optional(),
    capability_present: z.boolean().optional(),
    missing_capabilities: z.array(z.string()).optional(),
    manifest: z.string().optional(),
  })
  .strict();
export type PlatformPluginView = z.infer<typeof PlatformPluginView>;

/** The oracle's whole answer on one variant: stdout of the adapter's oracle, validated before it is compared. */
export const PlatformView = z
  .object({
    config_error: z.string().nullable(),
    config_registry_error: z.string().nullable().optional(),
    load_error: z.string().nullable().optional(),
    plugins: z.record(z.string(), PlatformPluginView),
    unresolved: z.array(z.string()),
  })
  .strict();
export type PlatformView = z.infer<typeof PlatformView>;

export const Disagreement = z
  .object({
    plugin_id: z.string().nullable(),
    check: FidelityCheck,
    /** The suite's verdict: `status` or `status:REASON`, and its detail. */
    suite: z.string(),
    suite_detail: z.string(),
    /** What the platform's code says, and in its words where it has any. */
    platform: z.string(),
    platform_detail: z.string(),
  })
  .strict();
export type Disagreement = z.infer<typeof Disagreement>;

export const FidelityVariant = z
  .object({
    seed: z.number().int(),
    mutations: z.array(Mutation),
    /** Per check, how many verdicts of this variant were compared. */
    compared: z.record(z.string(), z.number().int().min(0)),
    disagreements: z.array(Disagreement),
    /** The variant could not be judged by one side (the oracle or the suite raised): itself a failure. */
    error: z.string().nullable(),
  })
  .strict();
export type FidelityVariant = z.infer<typeof FidelityVariant>;

/**
 * `fidelity.json`, written by `pnpm qualify fidelity`: the suite's verdicts on seeded variants of a checkout
 * against the platform's own code. Deterministic apart from `run` (time, host, durations).
 */
export const FidelityReport = z
  .object({
    schema_version: z.literal(1),
    adapter: z.string(),
    target: z.string(),
    seeds: z.array(z.number().int()),
    variants: z.array(FidelityVariant),
    summary: z
      .object({
        variants: z.number().int(),
        comparisons: z.number().int(),
        disagreements: z.number().int(),
        variants_in_error: z.number().int(),
        /** Per compared check: how many plugin verdicts were compared, and how many disagreed. */
        by_check: z.record(
          z.string(),
          z.object({ compared: z.number().int(), disagreements: z.number().int() }).strict(),
        ),
      })
      .strict(),
    run: z
      .object({
        started_at: z.string(),
        host: z.string(),
        duration_ms: z.number(),
        ms_per_variant: z.number(),
      })
      .strict(),
  })
  .strict();
export type FidelityReport = z.infer<typeof FidelityReport>;
