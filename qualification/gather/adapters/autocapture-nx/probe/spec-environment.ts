import type { ProbeEvidence, RequiredEnvironment } from "../../../../../contracts/probe-spec.ts";
import type { ProbeHost } from "./probe-host.ts";

/**
 * The spec's requirements against the facts of the probe host's interpreter: each unmet one in words. A host that
 * cannot answer says nothing about the machine: undefined, and the steps then meet that host's own fault.
 */
export async function environmentOf(
  host: ProbeHost,
  required: RequiredEnvironment,
): Promise<NonNullable<ProbeEvidence["environment"]> | undefined> {
  const answer = await host.request(
    {
      op: "environment",
      modules: required.python_modules ?? [],
      programs: required.programs ?? [],
      paths: required.paths ?? [],
    },
    ENVIRONMENT_TIMEOUT_MS,
  );
  if (answer.kind !== "payload" || answer.payload.ok !== true) return undefined;
  const facts = answer.payload as {
    platform?: unknown;
    modules?: Record<string, unknown>;
    programs?: Record<string, unknown>;
    paths?: Record<string, unknown>;
    gpu?: unknown;
  };
  const unmet: string[] = [];
  if (required.platform && !required.platform.includes(String(facts.platform)))
    unmet.push(
      `needs sys.platform ${required.platform.join(" or ")}; this interpreter runs on ${String(facts.platform)}`,
    );
  for (const module of required.python_modules ?? [])
    if (facts.modules?.[module] !== true)
      unmet.push(`needs the Python module ${module}, which the target's interpreter cannot import`);
  for (const program of required.programs ?? [])
    if (facts.programs?.[program] !== true)
      unmet.push(`needs the program ${program}, which is not on the target interpreter's PATH`);
  for (const path of required.paths ?? [])
    if (facts.paths?.[path] !== true) unmet.push(`needs ${path} (e.g. model weights), which does not exist here`);
  if (required.gpu === true && facts.gpu !== true) unmet.push("needs a CUDA GPU; nvidia-smi lists none here");
  if (required.writes_target === true)
    unmet.push(
      "writes into the platform's own tree, and qualification never writes the target (it runs the platform from a scratch working directory)",
    );
  return { required, unmet };
}

const ENVIRONMENT_TIMEOUT_MS = 30_000;
