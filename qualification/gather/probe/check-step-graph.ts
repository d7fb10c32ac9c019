import type { ProbeSpec } from "../../../contracts/probe-spec.ts";
import type { ResolvedStep } from "./load-probe-spec.ts";

export interface StepGraphIssue {
  readonly message: string;
  /** Into the plugin's spec file: the step (or include) at fault. */
  readonly pointer: string;
}

/**
 * Rules that span steps, so zod cannot see them: unique ids, bindings that point backwards at a step that
 * returns a value, and service flags that agree with the spec's tier. Checked after includes are resolved,
 * because a contract's steps count too. Returns the first issue; a spec is fixed one issue at a time anyway.
 */
export function checkStepGraph(spec: ProbeSpec, steps: readonly ResolvedStep[]): StepGraphIssue | null {
  const seen = new Map<string, ResolvedStep>();
  for (const step of steps) {
    if (seen.has(step.id)) return { message: `duplicate step id ${JSON.stringify(step.id)}`, pointer: step.pointer };
    for (const [field, binding] of Object.entries(step.input_from ?? {})) {
      const at = `${step.pointer}${step.source === "spec" ? `/input_from/${field}` : ""}`;
      const source = seen.get(binding.step);
      if (!source)
        return {
          message: `step ${step.id}: input_from.${field} names ${JSON.stringify(binding.step)}, which is not an earlier step`,
          pointer: at,
        };
      if (source.expect.some((e) => e.kind === "error"))
        return {
          message: `step ${step.id}: input_from.${field} binds to ${binding.step}, which is expected to raise and has no result`,
          pointer: at,
        };
      if (step.input !== null && (typeof step.input !== "object" || Array.isArray(step.input)))
        return { message: `step ${step.id}: input_from needs an object input (or null) to fill`, pointer: at };
    }
    if (step.requires_service && spec.tier !== "service_backed")
      return {
        message: `step ${step.id} has requires_service: true, but the spec's tier is ${spec.tier} (use service_backed and name requires_service)`,
        pointer: step.pointer,
      };
    seen.set(step.id, step);
  }
  if (spec.tier === "service_backed" && !steps.some((s) => s.requires_service))
    return {
      message: "a service_backed spec must flag the steps that need its service with requires_service: true",
      pointer: "/steps",
    };
  return null;
}
