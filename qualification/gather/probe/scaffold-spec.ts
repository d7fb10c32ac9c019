import type { ProbeSpec, ProbeStep } from "../../../contracts/probe-spec.ts";

export const SCAFFOLD_TIMEOUT_MS = 20_000;

/**
 * A starting spec for a plugin: the capability contracts that exist for its declared capabilities, plus one
 * placeholder step per capability. A placeholder names no real method and expects a sentence, so the spec
 * FAILS until a person replaces both: a scaffold must never qualify a plugin by itself. Once the method is
 * real, the failure view shows the call's actual output next to the placeholder, ready to check and paste.
 */
export function scaffoldSpec(
  pluginId: string,
  capabilities: readonly string[],
  existingContracts: ReadonlySet<string>,
): ProbeSpec {
  const sorted = [...new Set(capabilities)].sort();
  return {
    plugin_id: pluginId,
    spec_version: "0.1.0",
    tier: "non_service",
    include: sorted.filter((cap) => existingContracts.has(cap)),
    steps: sorted.map(placeholderStep),
  };
}

function placeholderStep(capability: string): ProbeStep {
  const slug = capability.replace(/[^a-z0-9_.-]/g, "_");
  return {
    id: `first_real_call.${slug}`,
    capability,
    method: `name_a_real_method_of_${slug.replace(/[.-]/g, "_")}`,
    input: { replace_with: "the keyword arguments of a meaningful call" },
    expect: [{ kind: "equals", value: "replace with the exact output of this call, checked by hand" }],
    timeout_ms: SCAFFOLD_TIMEOUT_MS,
  };
}
