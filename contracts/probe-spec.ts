import { z } from "zod";

const Json: z.ZodType<unknown> = z.lazy(() => z.union([z.null(), z.boolean(), z.number(), z.string(), z.array(Json), z.record(z.string(), Json)]));

/** Deterministic expectations on one call's result. Pointers are RFC 6901 into the result. */
export const ProbeExpectation = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("equals"), value: Json }).strict(),
  /** Strings: substring. Arrays: some element deep-equals `value`. Objects: `value` is a deep subset. */
  z.object({ kind: z.literal("contains"), pointer: z.string().default(""), value: Json }).strict(),
  z.object({ kind: z.literal("json_path_equals"), pointer: z.string(), value: Json }).strict(),
  z.object({ kind: z.literal("matches_schema"), schema: z.record(z.string(), Json) }).strict(),
  /** The call must raise; optionally of this Python exception type and with this text in the message. */
  z.object({ kind: z.literal("error"), error_type: z.string().optional(), message_contains: z.string().optional() }).strict(),
]);
export type ProbeExpectation = z.infer<typeof ProbeExpectation>;

/** Where a bound input field comes from: an earlier step's first result, at an RFC 6901 pointer. */
export const InputBinding = z.object({ step: z.string().min(1), pointer: z.string().regex(/^(\/.*)?$/) }).strict();

export const ProbeStep = z
  .object({
    id: z.string().regex(/^[a-z0-9_.-]+$/),
    capability: z.string().min(1),
    method: z.string().min(1),
    input: Json,
    /**
     * Fields of `input` (an object) filled from earlier steps, so a spec can probe a path — retrieve → answer →
     * validate — instead of isolated calls with hand-copied intermediate values.
     */
    input_from: z.record(z.string(), InputBinding).optional(),
    /**
     * `plugin` (default): the plugin's own object for `capability`. `registry`: the object the platform resolves
     * for that name (its provider choice, policies, fallbacks) — how a path step reaches another plugin's
     * capability. The plugin under test must still load; a name with no provider is a fail, not a skip.
     */
    via: z.enum(["plugin", "registry"]).optional(),
    /**
     * The step needs the spec's `requires_service`. While that service is down only flagged steps are skipped
     * (the verdict is then infra_error DEPENDENCY_DOWN); unflagged steps of the same spec always run.
     */
    requires_service: z.boolean().optional(),
    expect: z.array(ProbeExpectation).min(1),
    timeout_ms: z.number().int().min(100).max(600_000),
  })
  .strict();
export type ProbeStep = z.infer<typeof ProbeStep>;

export const ServiceName = z.enum(["service_7411", "service_8000"]);

export const ProbeSpec = z
  .object({
    plugin_id: z.string().min(1),
    spec_version: z.string().regex(/^\d+\.\d+\.\d+$/),
    tier: z.enum(["non_service", "service_backed"]),
    /** The service a `service_backed` spec's flagged steps (`requires_service: true`) need. */
    requires_service: ServiceName.optional(),
    /** Capability-contract step sets (`probes/capability-contracts/<capability>.json`) run before `steps`. */
    include: z.array(z.string().regex(/^[a-z0-9_]+(\.[a-z0-9_]+)*$/, "a capability name")).default([]),
    steps: z.array(ProbeStep).default([]),
  })
  .strict()
  .refine((spec) => spec.tier === "non_service" || spec.requires_service !== undefined, {
    message: "a service_backed spec must name requires_service",
    path: ["requires_service"],
  })
  .refine((spec) => spec.tier === "service_backed" || spec.requires_service === undefined, {
    message: "a non_service spec cannot name requires_service (use tier service_backed)",
    path: ["requires_service"],
  })
  .refine((spec) => spec.steps.length + spec.include.length > 0, { message: "a spec needs at least one step or include", path: ["steps"] });
export type ProbeSpec = z.infer<typeof ProbeSpec>;

export const CapabilityContract = z
  .object({ capability: z.string().min(1), contract_version: z.string().regex(/^\d+\.\d+\.\d+$/), steps: z.array(ProbeStep).min(1) })
  .strict();
export type CapabilityContract = z.infer<typeof CapabilityContract>;

export const ProbeRun = z
  .object({
    outcome: z.enum(["ok", "error", "timeout", "load_failed", "runner_failed"]),
    result: Json.optional(),
    error_type: z.string().optional(),
    error: z.string().optional(),
    traceback: z.string().optional(),
  })
  .strict();
export type ProbeRun = z.infer<typeof ProbeRun>;

/** What the probe of one plugin recorded; judged by `checks/functional.ts`. No timings: they are not evidence. */
export const ProbeEvidence = z
  .object({
    spec: z.object({ file: z.string(), sha256: z.string(), spec_version: z.string(), tier: z.string(), requires_service: z.string().nullable() }).strict().nullable(),
    spec_fault: z.object({ code: z.enum(["SPEC_MISSING", "SPEC_INVALID"]), detail: z.string(), file: z.string(), pointer: z.string().nullable() }).strict().nullable(),
    service: z.object({ name: z.string(), up: z.boolean(), detail: z.string() }).strict().nullable(),
    steps: z.array(
      z
        .object({
          id: z.string(),
          source: z.string(),
          capability: z.string(),
          method: z.string(),
          via: z.enum(["plugin", "registry"]),
          requires_service: z.boolean(),
          /** The input as sent, bindings resolved: re-judging never needs the earlier steps' results again. */
          input: Json,
          expect: z.array(ProbeExpectation),
          /** The runner command of this step (stable placeholders), pasteable to reproduce it. */
          command: z.string(),
          /** Why the step has no runs: its service was down, or an `input_from` pointer found nothing. */
          not_run: z.object({ reason: z.enum(["service_down", "input_unbound"]), detail: z.string() }).strict().nullable(),
          runs: z.array(ProbeRun),
        })
        .strict(),
    ),
    replay: z.string(),
  })
  .strict();
export type ProbeEvidence = z.infer<typeof ProbeEvidence>;
