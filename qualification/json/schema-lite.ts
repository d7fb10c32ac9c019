import type { Issue } from "../../contracts/evidence.ts";

/**
 * A port of the platform's SchemaLiteValidator (reference §2.3), not a JSON Schema engine: only the keywords
 * it supports, with its quirks — `integer` rejects booleans, `number` accepts them, `pattern`/`format` ignored.
 * Messages use the platform's texts; pointers are RFC 6901 so a user can jump to the field.
 */
type Schema = Record<string, unknown>;

function pointerToDollar(pointer: string): string {
  if (pointer === "") return "$";
  return `$${pointer.split("/").slice(1).map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`)).join("")}`;
}

function escape(token: string): string {
  return token.replace(/~/g, "~0").replace(/\//g, "~1");
}

function typeMatches(type: string, value: unknown): boolean {
  switch (type) {
    case "object":
      return value !== null && typeof value === "object" && !Array.isArray(value);
    case "array":
      return Array.isArray(value);
    case "string":
      return typeof value === "string";
    case "boolean":
      return typeof value === "boolean";
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    case "number":
      return typeof value === "number" || typeof value === "boolean";
    case "null":
      return value === null;
    default:
      return true;
  }
}

function validate(schema: Schema, value: unknown, pointer: string, issues: Issue[]): void {
  const push = (message: string, at = pointer): void => {
    issues.push({ pointer: at, message: `${pointerToDollar(at)}: ${message}` });
  };
  const type = schema.type;
  if (type !== undefined) {
    const types = Array.isArray(type) ? (type as string[]) : [type as string];
    if (!types.some((t) => typeMatches(t, value))) {
      push(`expected ${types.join("|")}`);
      return;
    }
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((option) => JSON.stringify(option) === JSON.stringify(value))) push(`value not in enum`);
  if ("const" in schema && JSON.stringify(schema.const) !== JSON.stringify(value)) push(`value does not match const`);
  if (typeof value === "number") {
    if (typeof schema.minimum === "number" && value < schema.minimum) push(`value below minimum ${schema.minimum}`);
    if (typeof schema.maximum === "number" && value > schema.maximum) push(`value above maximum ${schema.maximum}`);
  }
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const object = value as Record<string, unknown>;
    for (const name of (schema.required as string[] | undefined) ?? []) {
      if (!(name in object)) push(`missing required field ${name}`);
    }
    const properties = (schema.properties as Record<string, Schema> | undefined) ?? {};
    for (const [name, child] of Object.entries(object)) {
      const childSchema = properties[name];
      if (childSchema) validate(childSchema, child, `${pointer}/${escape(name)}`, issues);
      else if (schema.additionalProperties === false) push(`unexpected field ${name}`, `${pointer}/${escape(name)}`);
      else if (schema.additionalProperties && typeof schema.additionalProperties === "object")
        validate(schema.additionalProperties as Schema, child, `${pointer}/${escape(name)}`, issues);
    }
  }
  if (Array.isArray(value) && schema.items && typeof schema.items === "object") {
    value.forEach((item, index) => validate(schema.items as Schema, item, `${pointer}/${index}`, issues));
  }
  for (const sub of (schema.allOf as Schema[] | undefined) ?? []) validate(sub, value, pointer, issues);
  const branchIssues = (subs: Schema[]): number[] =>
    subs.map((sub) => {
      const local: Issue[] = [];
      validate(sub, value, pointer, local);
      return local.length;
    });
  if (Array.isArray(schema.anyOf) && !branchIssues(schema.anyOf as Schema[]).some((count) => count === 0)) push(`value matches no anyOf branch`);
  if (Array.isArray(schema.oneOf) && branchIssues(schema.oneOf as Schema[]).filter((count) => count === 0).length !== 1)
    push(`value must match exactly one oneOf branch`);
}

/** Every issue in one pass, sorted by pointer so the output is stable. */
export function validateSchemaLite(schema: Schema, value: unknown): Issue[] {
  const issues: Issue[] = [];
  validate(schema, value, "", issues);
  return issues.sort((a, b) => (a.pointer < b.pointer ? -1 : a.pointer > b.pointer ? 1 : a.message < b.message ? -1 : 1));
}
