import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { canonicalJson } from "../../shared/canonical/canonical-json.ts";

/**
 * `matches_schema` expectations, checked by a full JSON Schema 2020-12 validator (Ajv, with `format`): every
 * keyword a spec author writes is enforced — `pattern`, `minLength`, `minItems`, `$ref`, `format`, … — and an
 * unknown keyword makes the schema itself invalid (strict about keywords), never a silent pass.
 */
// Strict about the schema (an unknown keyword is an error), not about valid-but-loose typing (union types).
const ajv = new Ajv2020({
  strictSchema: true,
  strictNumbers: true,
  strictTypes: false,
  strictTuples: false,
  strictRequired: false,
  allowUnionTypes: true,
  allErrors: true,
});
(addFormats as unknown as (a: Ajv2020) => void)(ajv);
const compiled = new Map<string, ValidateFunction | string>();

function compile(schema: unknown): ValidateFunction | string {
  const key = canonicalJson(schema);
  let entry = compiled.get(key);
  if (entry === undefined) {
    try {
      entry = ajv.compile(schema as object);
    } catch (error) {
      entry = (error as Error).message;
    }
    compiled.set(key, entry);
  }
  return entry;
}

/** Why the schema itself is unusable (a spec author's error: SPEC_INVALID), or null. */
export function schemaProblem(schema: unknown): string | null {
  const entry = compile(schema);
  return typeof entry === "string" ? `not a valid JSON Schema (2020-12): ${entry}` : null;
}

/** Each way `value` fails `schema`, as "<JSON pointer> <message>"; empty when it matches. */
export function schemaMismatches(schema: unknown, value: unknown): string[] {
  const entry = compile(schema);
  if (typeof entry === "string") return [`not a valid JSON Schema (2020-12): ${entry}`];
  if (entry(value)) return [];
  return (entry.errors ?? []).map(
    (e) =>
      `${e.instancePath || "/"} ${e.message ?? "does not match"}${e.params && "allowedValues" in e.params ? ` (${JSON.stringify(e.params.allowedValues)})` : ""}`,
  );
}
