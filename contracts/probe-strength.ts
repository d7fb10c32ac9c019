import { z } from "zod";
import { CheckStatus, ReasonCode } from "./reason-codes.ts";

/** One mutant of the plugin's code and what its probe spec made of it. */
export const StrengthMutant = z
  .object({
    file: z.string(),
    site: z.number().int().min(0),
    line: z.number().int().min(0),
    kind: z.enum(["compare", "boolop", "constant", "branch", "return"]),
    description: z.string(),
    /** A site in a module the plugin imports from: the top-level definitions it imports (the site lies in one). */
    within: z.array(z.string()).optional(),
    /** caught: the spec failed (or the plugin no longer loads); survived: it passed; error: it could not decide. */
    outcome: z.enum(["caught", "survived", "error"]),
    verdict: z
      .object({ check: z.string(), status: CheckStatus, reason: ReasonCode.nullable(), detail: z.string() })
      .strict(),
  })
  .strict();
export type StrengthMutant = z.infer<typeof StrengthMutant>;

export const PluginStrength = z
  .object({
    plugin_id: z.string(),
    spec: z.object({ file: z.string().nullable(), sha256: z.string().nullable() }).strict(),
    /** The spec on the unmutated plugin: it must pass, or no mutant says anything. */
    baseline: z.object({ status: CheckStatus, reason: ReasonCode.nullable(), detail: z.string() }).strict(),
    sites: z.number().int().min(0),
    /**
     * Sites on lines the platform's load, the spec's setup and its steps' calls execute: the candidates mutants
     * are picked from. Null when coverage could not be measured (then every site is a candidate).
     */
    covered_sites: z.number().int().min(0).nullable(),
    coverage_error: z.string().nullable(),
    mutants: z.array(StrengthMutant),
    summary: z
      .object({
        mutants: z.number().int(),
        caught: z.number().int(),
        survived: z.number().int(),
        errors: z.number().int(),
        score: z.number().nullable(),
      })
      .strict(),
  })
  .strict();
export type PluginStrength = z.infer<typeof PluginStrength>;

/**
 * `probe-strength.json`, written by `pnpm qualify probe strength`: how many small mutations of each plugin's
 * code its probe spec notices. Deterministic for a seed, apart from `run`.
 */
export const StrengthReport = z
  .object({
    schema_version: z.literal(1),
    target: z.string(),
    seed: z.number().int(),
    budget: z.number().int().min(1),
    plugins: z.array(PluginStrength),
    run: z.object({ started_at: z.string(), duration_ms: z.number() }).strict(),
  })
  .strict();
export type StrengthReport = z.infer<typeof StrengthReport>;
