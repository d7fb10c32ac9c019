import { z } from "zod";

/**
 * Spec inputs and expectations are JSON in which Python values travel tagged: an object whose key `$py` names the
 * type and whose other keys carry the value (the probe runner's `tagged_json.py` encodes results the same way, so
 * an expectation compares like with like). Any other object must not use the key `$py`.
 *   datetime / date / time {iso}   timedelta {seconds, microseconds?}   bytes {base64}   path {path}
 *   tuple / set / frozenset {items}   dict {items: [[key, value], …]} (non-string keys)   decimal {value}
 *   float {value: nan | inf | -inf}   uuid {value}   enum {type, value}   dataclass {type: "module.Class", fields}
 *   object {type} (results only: an object with no JSON form is recorded by its type, never by its repr)
 * Set items are compared sorted by their canonical JSON; a result's tags are exactly what `encode` writes.
 */
const Json: z.ZodType<unknown> = z.lazy(() =>
  z.union([
    z.null(),
    z.boolean(),
    z.number(),
    z.string(),
    z.array(Json),
    PythonValue,
    z.record(z.string().regex(/^(?!\$py$)/, "only a tagged Python value has the key $py"), Json),
  ]),
);
const tagged = <T extends string, S extends z.ZodRawShape>(tag: T, shape: S) =>
  z.object({ $py: z.literal(tag), ...shape }).strict();
const items = z.array(z.lazy(() => Json));
export const PythonValue = z.discriminatedUnion("$py", [
  tagged("datetime", { iso: z.string().min(1) }),
  tagged("date", { iso: z.string().min(1) }),
  tagged("time", { iso: z.string().min(1) }),
  tagged("timedelta", { seconds: z.number(), microseconds: z.number().int().optional() }),
  tagged("bytes", { base64: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, "base64") }),
  tagged("path", { path: z.string() }),
  tagged("tuple", { items }),
  tagged("set", { items }),
  tagged("frozenset", { items }),
  tagged("dict", { items: z.array(z.tuple([z.lazy(() => Json), z.lazy(() => Json)])) }),
  tagged("decimal", { value: z.string().min(1) }),
  tagged("float", { value: z.enum(["nan", "inf", "-inf"]) }),
  tagged("uuid", { value: z.string().min(1) }),
  tagged("enum", { type: z.string().min(1), value: z.lazy(() => Json) }),
  tagged("dataclass", {
    type: z.string().min(1),
    fields: z.record(
      z.string(),
      z.lazy(() => Json),
    ),
  }),
  tagged("object", { type: z.string().min(1) }),
]);

/** Deterministic expectations on one call's result. Pointers are RFC 6901 into the result. */
export const ProbeExpectation = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("equals"), value: Json }).strict(),
  /** Strings: substring. Arrays: some element deep-equals `value`. Objects: `value` is a deep subset. */
  z.object({ kind: z.literal("contains"), pointer: z.string().default(""), value: Json }).strict(),
  z.object({ kind: z.literal("json_path_equals"), pointer: z.string(), value: Json }).strict(),
  z.object({ kind: z.literal("matches_schema"), schema: z.record(z.string(), Json) }).strict(),
  /** The call must raise; optionally of this Python exception type and with this text in the message. */
  z
    .object({ kind: z.literal("error"), error_type: z.string().optional(), message_contains: z.string().optional() })
    .strict(),
]);
export type ProbeExpectation = z.infer<typeof ProbeExpectation>;

/** Where a bound input field comes from: an earlier step's first result, at an RFC 6901 pointer. */
export const InputBinding = z.object({ step: z.string().min(1), pointer: z.string().regex(/^(\/.*)?$/) }).strict();

export const ProbeStep = z
  .object({
    id: z.string().regex(/^[a-z0-9_.-]+$/),
    capability: z.string().min(1),
    method: z.string().min(1),
    /**
     * An object is passed as keyword arguments, a tagged tuple as positional arguments, anything else as the one
     * argument.
     */
    input: Json,
    /**
     * Fields of `input` (an object) filled from earlier steps, so a spec can probe a path — retrieve → answer →
     * validate — instead of isolated calls with hand-copied intermediate values. The key `$input` binds the
     * whole input (a method called with one positional value, e.g. a list).
     */
    input_from: z
      .record(z.string(), InputBinding)
      .refine((bindings) => !("$input" in bindings) || Object.keys(bindings).length === 1, {
        message: 'the key "$input" binds the whole input and must stand alone',
      })
      .optional(),
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
    /**
     * RFC 6901 pointers into the result whose values the plugin defines as varying from call to call (a wall-clock
     * timestamp, a fresh random key's id): left out of the two-run comparison, and only there — an expectation
     * may still constrain them (e.g. `matches_schema`). Everything else must still be identical.
     */
    varies: z.array(z.string().regex(/^\/.*/, "a JSON pointer into the result")).min(1).optional(),
    expect: z.array(ProbeExpectation).min(1),
    timeout_ms: z.number().int().min(100).max(600_000),
  })
  .strict();
export type ProbeStep = z.infer<typeof ProbeStep>;

export const ServiceName = z.enum(["service_7411", "service_8000"]);

/**
 * A call a spec makes before its steps, once per probe host, in that host's own platform (the spec gets hosts of
 * its own): what it leaves behind (records written through storage, state in memory) is the pristine platform
 * each step then starts from — how a spec sets up the small corpus a retrieve → answer → validate path reads.
 */
export const SetupCall = z
  .object({
    capability: z.string().min(1),
    method: z.string().min(1),
    input: Json,
    via: z.enum(["plugin", "registry"]).optional(),
  })
  .strict();
export type SetupCall = z.infer<typeof SetupCall>;

/**
 * What the plugin's job needs of the machine. Unmet here, the steps are not run and `functional` is infra_error
 * ENVIRONMENT_UNSUPPORTED naming what is missing: the environment's lack, never a pass and never the plugin's fail.
 */
export const RequiredEnvironment = z
  .object({
    /** Python `sys.platform` values the plugin works on (e.g. win32). */
    platform: z
      .array(z.string().regex(/^[a-z0-9]+$/))
      .min(1)
      .optional(),
    /** Top-level modules it imports that the platform does not require (found with importlib, never imported). */
    python_modules: z
      .array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/))
      .min(1)
      .optional(),
    /** Programs it runs (found on the PATH of the target's interpreter), e.g. tesseract. */
    programs: z
      .array(z.string().regex(/^[A-Za-z0-9._+-]+$/))
      .min(1)
      .optional(),
    /**
     * Files or directories it reads that the platform does not ship (model weights), absolute or relative to the
     * target's root.
     */
    paths: z.array(z.string().min(1)).min(1).optional(),
    /** A CUDA device (`nvidia-smi -L` lists one). */
    gpu: z.boolean().optional(),
    /**
     * The plugin's job writes into the platform's own tree (paths relative to a working directory the platform
     * expects to be its root). Qualification never writes the target, so such steps cannot run under it.
     */
    writes_target: z.boolean().optional(),
  })
  .strict();
export type RequiredEnvironment = z.infer<typeof RequiredEnvironment>;

export const ProbeSpec = z
  .object({
    plugin_id: z.string().min(1),
    spec_version: z.string().regex(/^\d+\.\d+\.\d+$/),
    tier: z.enum(["non_service", "service_backed"]),
    /** The service a `service_backed` spec's flagged steps (`requires_service: true`) need. */
    requires_service: ServiceName.optional(),
    requires_environment: RequiredEnvironment.optional(),
    setup: z.array(SetupCall).min(1).optional(),
    /**
     * The plugin's settings while this spec runs, laid over `plugins.settings.<plugin_id>` (where a user's own go)
     * in memory only; the platform merges and validates them as it does a user's. The spec gets hosts of its own,
     * so its steps can show the plugin honours a setting — a plugin that ignores it then fails them.
     */
    settings: z
      .record(z.string(), Json)
      .refine((value) => Object.keys(value).length > 0, "settings, when given, name at least one key")
      .optional(),
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
  .refine((spec) => spec.steps.length + spec.include.length > 0, {
    message: "a spec needs at least one step or include",
    path: ["steps"],
  });
export type ProbeSpec = z.infer<typeof ProbeSpec>;

export const CapabilityContract = z
  .object({
    capability: z.string().min(1),
    contract_version: z.string().regex(/^\d+\.\d+\.\d+$/),
    steps: z.array(ProbeStep).min(1),
  })
  .strict();
export type CapabilityContract = z.infer<typeof CapabilityContract>;

/** Faults of the suite's own machinery (never a plugin's): how a step or the listing could not be asked. */
export const RUNNER_FAULTS = [
  "RUNNER_API",
  "RUNNER_CRASHED",
  "RUNNER_OUTPUT_INVALID",
  "INTERPRETER_UNUSABLE",
  "ENVIRONMENT_ERROR",
] as const;

export const ProbeRun = z
  .object({
    /**
     * ok: returned; error: raised (the plugin's behaviour); timeout: its limit passed (the step's process group
     * was killed); crashed: its process ended without answering (the plugin ended the interpreter);
     * load_failed: the platform did not load the plugin, or refused the whole load (`phase`); spec_input: the
     * spec's tagged input does not decode; runner_failed: the suite's runner could not ask (`fault`).
     */
    outcome: z.enum(["ok", "error", "timeout", "crashed", "load_failed", "spec_input", "runner_failed"]),
    result: Json.optional(),
    error_type: z.string().optional(),
    error: z.string().optional(),
    traceback: z.string().optional(),
    /** load_failed: the platform's phase (manifest, dependency, load, not_enabled) or config / global. */
    phase: z.string().optional(),
    /** crashed: the exit status (negative: the signal). */
    exit_status: z.number().int().optional(),
    /** timeout: every thread's stack when the limit came (Python's faulthandler), thread ids removed. */
    stack: z.string().optional(),
    /** What the plugin wrote to stdout during the call (which must never reach a protocol stream). */
    printed: z.object({ bytes: z.number().int().nonnegative(), head: z.string() }).strict().optional(),
    fault: z.enum(RUNNER_FAULTS).optional(),
  })
  .strict();
export type ProbeRun = z.infer<typeof ProbeRun>;

/** What the probe of one plugin recorded; judged by `checks/functional.ts`. No timings: they are not evidence. */
export const ProbeEvidence = z
  .object({
    spec: z
      .object({
        file: z.string(),
        sha256: z.string(),
        spec_version: z.string(),
        tier: z.string(),
        requires_service: z.string().nullable(),
      })
      .strict()
      .nullable(),
    spec_fault: z
      .object({
        code: z.enum(["SPEC_MISSING", "SPEC_INVALID"]),
        detail: z.string(),
        file: z.string(),
        pointer: z.string().nullable(),
      })
      .strict()
      .nullable(),
    service: z.object({ name: z.string(), up: z.boolean(), detail: z.string() }).strict().nullable(),
    /**
     * The spec's `requires_environment` as found here: what is missing (empty: met). Absent: the spec needs nothing.
     */
    environment: z
      .object({ required: RequiredEnvironment, unmet: z.array(z.string()) })
      .strict()
      .optional(),
    /**
     * The plugin is not enabled by the target's config, so it was loaded for probing only (allowlisted and enabled
     * in memory, in its own probe hosts): the steps' verdict is informational, the plugin stays failed by `enabled`.
     */
    enabled_for_probing: z.boolean().optional(),
    /** The spec's setup as its hosts ran it: how many calls, and the first that did not return (null: all did). */
    setup: z
      .object({
        calls: z.number().int().nonnegative(),
        failed: z
          .object({
            run: z.number().int(),
            index: z.number().int(),
            via: z.string(),
            capability: z.string(),
            method: z.string(),
            error_type: z.string(),
            error: z.string(),
          })
          .strict()
          .nullable(),
      })
      .strict()
      .optional(),
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
          /** The step's `varies` pointers: left out of the two-run comparison. */
          varies: z.array(z.string()).optional(),
          /** The runner command of this step (stable placeholders), pasteable to reproduce it. */
          command: z.string(),
          /** Why the step has no runs: its service was down, or an `input_from` pointer found nothing. */
          not_run: z
            .object({ reason: z.enum(["service_down", "input_unbound"]), detail: z.string() })
            .strict()
            .nullable(),
          runs: z.array(ProbeRun),
        })
        .strict(),
    ),
    replay: z.string(),
  })
  .strict();
export type ProbeEvidence = z.infer<typeof ProbeEvidence>;

/**
 * `catalog.json` at the top of a probe catalog: which platform it belongs to. A catalog shipped with the suite
 * (`probes/<name>/`) is used for a target whose Python project name (pyproject.toml `[project] name`, compared
 * in its PEP 503 normal form) is `applies_to.project_name`; a catalog the target carries, or QUALIFY_PROBES, may
 * omit it.
 */
export const ProbeCatalogManifest = z
  .object({
    catalog: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/),
    catalog_version: z.string().regex(/^\d+\.\d+\.\d+$/),
    applies_to: z.object({ project_name: z.string().min(1) }).strict(),
    description: z.string().optional(),
    /**
     * The plugins the catalog is written for: the platform's canonical plugins with a manifest at `revision`.
     * A catalog test holds it to exactly one spec per listed ID, so a gap is a failing test, not a surprise.
     */
    covers: z
      .object({ revision: z.string().min(1), plugin_ids: z.array(z.string().min(1)).min(1) })
      .strict()
      .optional(),
  })
  .strict();
export type ProbeCatalogManifest = z.infer<typeof ProbeCatalogManifest>;
