import { schemaProblem } from "./json-schema-check.ts";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { ZodType } from "zod";
import { CapabilityContract, ProbeSpec, PythonValue, type ProbeStep } from "../../../contracts/probe-spec.ts";
import { sha256Hex } from "../../shared/canonical/canonical-json.ts";
import { checkStepGraph } from "./check-step-graph.ts";
import type { ProbeCatalogChoice } from "../../shared/options/resolve-probe-catalog.ts";

export interface ResolvedStep extends ProbeStep {
  /** `spec` or `contract:<capability>`: where the step came from, for the failure message. */
  readonly source: string;
  /** JSON pointer into the plugin's spec file where this step is defined or included. */
  readonly pointer: string;
}

export type LoadedSpec =
  | {
      readonly ok: true;
      readonly spec: ProbeSpec;
      readonly file: string;
      readonly sha256: string;
      readonly steps: readonly ResolvedStep[];
    }
  | {
      readonly ok: false;
      readonly code: "SPEC_MISSING" | "SPEC_INVALID";
      readonly detail: string;
      readonly file: string;
      readonly pointer: string | null;
    };

export const CONTRACTS_DIR = "capability-contracts";

export function specPath(probesDir: string, pluginId: string): string {
  return join(probesDir, `${pluginId}.json`);
}

function parseFile<T>(
  file: string,
  schema: ZodType<T>,
  display: string,
): { ok: true; value: T; bytes: Buffer } | { ok: false; detail: string; pointer: string | null } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    return { ok: false, detail: `${display}: ${(error as Error).message}`, pointer: null };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString("utf8"));
  } catch (error) {
    return { ok: false, detail: `${display}: invalid JSON: ${(error as Error).message}`, pointer: "" };
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => explainTagged(raw, issue.path, issue.message));
    const first = issues[0];
    return {
      ok: false,
      detail: `${display}: ${issues.map((i) => `${i.pointer}: ${i.message}`).join("; ")}`,
      pointer: first ? first.pointer : null,
    };
  }
  return { ok: true, value: parsed.data, bytes };
}

/**
 * A malformed tagged Python value fails every branch of the JSON union, which zod reports as "Invalid input";
 * the tag's own schema says what is actually wrong (`/steps/0/input/now/iso: …`).
 */
function explainTagged(
  raw: unknown,
  path: readonly PropertyKey[],
  message: string,
): { pointer: string; message: string } {
  const pointer = `/${path.map(String).join("/")}`;
  let value: unknown = raw;
  for (const key of path)
    value = value !== null && typeof value === "object" ? (value as Record<string, unknown>)[String(key)] : undefined;
  if (value === null || typeof value !== "object" || Array.isArray(value) || !("$py" in value))
    return { pointer, message };
  const tagged = PythonValue.safeParse(value);
  const issue = tagged.success ? null : tagged.error.issues[0];
  return issue
    ? {
        pointer: `${pointer}/${issue.path.map(String).join("/")}`.replace(/\/$/, ""),
        message: `tagged Python value: ${issue.message}`,
      }
    : { pointer, message };
}

/** A plugin's spec plus the capability-contract steps it includes, in order: includes first, then its own steps. */
export function loadProbeSpec(catalog: ProbeCatalogChoice, pluginId: string): LoadedSpec {
  // Shown by the catalog's stable name: the same across machines and working directories.
  const display = `${catalog.display}/${pluginId}.json`;
  const scaffold = `create one with \`pnpm qualify probe scaffold ${pluginId}\``;
  if (catalog.dir === null)
    return {
      ok: false,
      code: "SPEC_MISSING",
      detail: `no probe spec for ${pluginId}: ${catalog.why} (${scaffold}, which writes ${display})`,
      file: display,
      pointer: null,
    };
  const probesDir = catalog.dir;
  const file = specPath(probesDir, pluginId);
  if (!existsSync(file))
    return {
      ok: false,
      code: "SPEC_MISSING",
      detail: `no probe spec for ${pluginId} in catalog ${catalog.name ?? catalog.display}: expected ${display} (${scaffold})`,
      file: display,
      pointer: null,
    };
  const read = parseFile(file, ProbeSpec, display);
  if (!read.ok) return { ok: false, code: "SPEC_INVALID", detail: read.detail, file: display, pointer: read.pointer };
  if (read.value.plugin_id !== pluginId)
    return {
      ok: false,
      code: "SPEC_INVALID",
      detail: `${display}: plugin_id is ${JSON.stringify(read.value.plugin_id)}, but the file is named for ${pluginId}`,
      file: display,
      pointer: "/plugin_id",
    };
  const steps: ResolvedStep[] = [];
  const hashes = [sha256Hex(read.bytes)];
  for (const [index, name] of read.value.include.entries()) {
    const contractFile = join(probesDir, CONTRACTS_DIR, `${name}.json`);
    const contract = parseFile(contractFile, CapabilityContract, `${catalog.display}/${CONTRACTS_DIR}/${name}.json`);
    if (!contract.ok)
      return {
        ok: false,
        code: "SPEC_INVALID",
        detail: `include ${JSON.stringify(name)}: ${contract.detail}`,
        file: display,
        pointer: `/include/${index}`,
      };
    hashes.push(sha256Hex(contract.bytes));
    // A contract's bindings name its own step ids; they are namespaced like the steps themselves.
    const local = (id: string): string => `${name}:${id}`;
    steps.push(
      ...contract.value.steps.map((step) => ({
        ...step,
        id: local(step.id),
        ...(step.input_from
          ? {
              input_from: Object.fromEntries(
                Object.entries(step.input_from).map(([field, b]) => [field, { ...b, step: local(b.step) }]),
              ),
            }
          : {}),
        source: `contract:${name}@${contract.value.contract_version}`,
        pointer: `/include/${index}`,
      })),
    );
  }
  steps.push(...read.value.steps.map((step, index) => ({ ...step, source: "spec", pointer: `/steps/${index}` })));
  const issue = checkStepGraph(read.value, steps) ?? checkSchemas(steps);
  if (issue)
    return {
      ok: false,
      code: "SPEC_INVALID",
      detail: `${display}: ${issue.message}`,
      file: display,
      pointer: issue.pointer,
    };
  // The spec's digest covers the contracts it includes: changing a shared contract re-versions every user of it.
  return {
    ok: true,
    spec: read.value,
    file: display,
    sha256: hashes.length === 1 ? hashes[0]! : sha256Hex(hashes.join("\n")),
    steps,
  };
}

/** Spec files in the catalog (not the capability contracts, not catalog.json), as plugin IDs. */
/** A `matches_schema` whose schema is no valid JSON Schema is the spec's error, found before any step runs. */
function checkSchemas(steps: readonly ResolvedStep[]): { pointer: string; message: string } | null {
  for (const step of steps)
    for (const [index, expectation] of step.expect.entries()) {
      if (expectation.kind !== "matches_schema") continue;
      const problem = schemaProblem(expectation.schema);
      if (problem)
        return {
          pointer: step.source === "spec" ? `${step.pointer}/expect/${index}/schema` : step.pointer,
          message: `step ${step.id}: ${problem}`,
        };
    }
  return null;
}

export function catalogPluginIds(probesDir: string | null): string[] {
  if (probesDir === null || !existsSync(probesDir)) return [];
  return readdirSync(probesDir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".json") && entry.name !== "catalog.json")
    .map((entry) => entry.name.slice(0, -".json".length))
    .sort();
}
