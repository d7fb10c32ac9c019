import { z } from "zod";

const Json: z.ZodType<unknown> = z.lazy(() =>
  z.union([z.null(), z.boolean(), z.number(), z.string(), z.array(Json), z.record(z.string(), Json)]),
);

/** `answer.state` values of the platform's result object (`autocapture_nx/kernel/query.py` `run_query`). */
export const AnswerState = z.enum(["ok", "partial", "no_evidence", "error", "indeterminate", "degraded"]);
export type AnswerState = z.infer<typeof AnswerState>;

/**
 * The two strict sets of the platform's plan: `non_service_strict` must pass with every service down;
 * `service_backed_strict` is evaluated only when service_7411 and service_8000 are both healthy.
 */
export const QueryTier = z.enum(["non_service_strict", "service_backed_strict"]);
export type QueryTier = z.infer<typeof QueryTier>;

export const ExpectedAnswer = z
  .object({
    /** One state, or the allowed states (the platform contract's `allowed_answer_states`). */
    answer_state: z.union([AnswerState, z.array(AnswerState).min(1)]),
    /** Substrings that must all occur (case-insensitive) in the summary, bullets or claim texts. */
    contains_all: z.array(z.string().min(1)),
    /** RFC 6901 pointers into the normalised answer view (`/state`, `/summary`, `/fields/<k>`, `/claims/0/text`…). */
    json_path_equals: z.array(z.object({ pointer: z.string().regex(/^(\/.*)?$/), value: Json }).strict()),
    /** Records the answer must cite (by `locator.record_id` / `evidence_id`). */
    required_citations: z.array(z.object({ record_id: z.string().min(1) }).strict()),
    /** Minimum number of citations over all claims. */
    min_citations: z.number().int().min(0),
  })
  .strict();
export type ExpectedAnswer = z.infer<typeof ExpectedAnswer>;

export const ExpectedAnswerCase = z
  .object({
    case_id: z.string().regex(/^[A-Za-z0-9_.-]+$/, "letters, digits, `_`, `.`, `-`"),
    query: z.string().min(1),
    tier: QueryTier,
    expect: ExpectedAnswer,
  })
  .strict();
export type ExpectedAnswerCase = z.infer<typeof ExpectedAnswerCase>;

/** The suite's expected-answers file (`QUALIFY_EXPECTED`). The platform's own format is converted into this. */
export const ExpectedAnswers = z
  .object({
    schema_version: z.literal(1),
    /** What the answers are about, for the reader (e.g. the corpus build that produced the DB). */
    corpus: z.string().optional(),
    non_service_strict: z.array(ExpectedAnswerCase),
    service_backed_strict: z.array(ExpectedAnswerCase),
  })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    for (const tier of QueryTier.options) {
      file[tier].forEach((item, index) => {
        if (item.tier !== tier)
          ctx.addIssue({
            code: "custom",
            path: [tier, index, "tier"],
            message: `a case in ${tier} must have tier ${tier}`,
          });
        if (seen.has(item.case_id))
          ctx.addIssue({
            code: "custom",
            path: [tier, index, "case_id"],
            message: `duplicate case_id ${item.case_id}`,
          });
        seen.add(item.case_id);
      });
    }
  });
export type ExpectedAnswers = z.infer<typeof ExpectedAnswers>;
