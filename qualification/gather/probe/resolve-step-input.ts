import type { ProbeRun } from "../../../contracts/probe-spec.ts";
import { getPointer } from "../../shared/json/json-pointer.ts";
import type { ResolvedStep } from "./load-probe-spec.ts";

export type BoundInput =
  { readonly ok: true; readonly input: unknown } | { readonly ok: false; readonly detail: string };

/**
 * The step's input with its `input_from` fields filled from earlier steps' first runs. Bound fields override
 * literal ones of the same name. A source that did not return a value leaves the step unbound: the source
 * step's own verdict explains why, or, when it passed, the pointer is wrong for what it returned.
 */
export function resolveStepInput(step: ResolvedStep, firstRuns: ReadonlyMap<string, ProbeRun>): BoundInput {
  const bindings = Object.entries(step.input_from ?? {});
  if (bindings.length === 0) return { ok: true, input: step.input };
  const input: Record<string, unknown> = { ...((step.input ?? {}) as Record<string, unknown>) };
  for (const [field, binding] of bindings) {
    const source = firstRuns.get(binding.step);
    if (!source || source.outcome !== "ok")
      return {
        ok: false,
        detail: `input_from.${field}: step ${binding.step} returned no result (${source?.outcome ?? "not run"})`,
      };
    const at = getPointer(source.result, binding.pointer);
    if (!at.found)
      return {
        ok: false,
        detail: `input_from.${field}: step ${binding.step}'s result has no value at ${JSON.stringify(binding.pointer)}`,
      };
    // The whole input: a method the platform calls with one positional value (a list, say) is a path target too.
    if (field === WHOLE_INPUT) return { ok: true, input: at.value };
    input[field] = at.value;
  }
  return { ok: true, input };
}

/** The `input_from` key that binds the step's entire input rather than one keyword field (it must stand alone). */
export const WHOLE_INPUT = "$input";
