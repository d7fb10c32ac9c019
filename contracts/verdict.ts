import { z } from "zod";
import { CheckStatus, ReasonCode } from "./reason-codes.ts";
import { Remediation } from "./remediation.ts";

/** A check's outcome: plain data, never an exception. `detail` is for humans; `reason` is for machines. */
export const Verdict = z
  .object({
    status: CheckStatus,
    reason: ReasonCode.nullable(),
    detail: z.string(),
    /** What the platform itself said, verbatim, when it said something. */
    platform_error: z.string().nullable().optional(),
    expected: z.unknown().optional(),
    actual: z.unknown().optional(),
    /** Files (relative to the target root) and JSON pointers the verdict rests on. */
    locations: z.array(z.object({ file: z.string(), pointer: z.string().nullable() })).optional(),
    command: z.string().nullable().optional(),
    /** What makes a failing verdict green (absent on passes and on not-applicable cells). */
    remediation: Remediation.optional(),
  })
  .strict();
export type Verdict = z.infer<typeof Verdict>;
