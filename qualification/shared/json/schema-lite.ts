import type { Issue } from "../../../contracts/evidence.ts";
import { PyFloat, pythonEquals, pythonRepr, pythonStr, pythonTypeName } from "./python-value.ts";

/**
 * A port of the platform's `SchemaLiteValidator` (`autocapture_nx/kernel/config.py` `SchemaLiteValidator`), not a
 * JSON Schema engine. Its texts and quirks are copied: `integer` rejects booleans (`expected integer, got
 * boolean`), `number` accepts them, `pattern`/`format` are ignored, object errors name the PARENT path
 * (`$.plugins.locks: unexpected field signature`), values are quoted with Python's `repr`, `const`/`enum` compare
 * with Python's `==` (so `true` matches `1`). Values from `parsePythonJson` keep `30.0` a float.
 *
 * The platform raises at its first error; this port walks in the same order but keeps going, so a user sees
 * every problem at once and `issues[0]` is the message the platform prints. A node that fails `const`, `enum`
 * or its type is not looked into further (its children would only repeat the problem). Each issue's pointer
 * (RFC 6901) names the offending member itself, also for a missing or unexpected field.
 * Known gap: JS objects list integer-like keys first, so for such keys the order (not the set) of issues can
 * differ from Python's.
 */
type Schema = Record<string, unknown>;

const TYPES: Readonly<Record<string, (value: unknown) => boolean>> = {
  object: (v) => v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof PyFloat),
  array: Array.isArray,
  string: (v) => typeof v === "string",
  // isinstance(v, int): bool is an int subclass; the bool rejection follows as its own error.
  integer: (v) => typeof v === "boolean" || (typeof v === "number" && Number.isInteger(v)),
  number: (v) => typeof v === "boolean" || typeof v === "number" || v instanceof PyFloat,
  boolean: (v) => typeof v === "boolean",
  null: (v) => v === null,
};

const isSchema = (value: unknown): value is Schema =>
  value !== null && typeof value === "object" && !Array.isArray(value);
const escapeToken = (token: string): string => token.replace(/~/g, "~0").replace(/\//g, "~1");
/** `if schema.get("type"):` — None, False, 0, "", [] and {} mean "no type". */
const pythonTruthy = (v: unknown): boolean =>
  !(
    v === undefined ||
    v === null ||
    v === false ||
    v === 0 ||
    v === "" ||
    (Array.isArray(v) && v.length === 0) ||
    (isSchema(v) && Object.keys(v).length === 0)
  );
const numeric = (v: unknown): number | null =>
  typeof v === "number" ? v : typeof v === "boolean" ? Number(v) : v instanceof PyFloat ? v.value : null;

/** `_validate_type`: the error text, or null when `data` is of the expected type (a list of types: any of them). */
function typeErrorOf(expected: unknown, data: unknown, path: string): string | null {
  if (Array.isArray(expected)) {
    if (expected.some((name) => typeErrorOf(name, data, path) === null)) return null;
    return `${path}: expected one of ${pythonRepr(expected)}, got ${pythonTypeName(data)}`;
  }
  const check = typeof expected === "string" && Object.hasOwn(TYPES, expected) ? TYPES[expected] : undefined;
  if (!check) return `${path}: unsupported schema type ${pythonStr(expected)}`;
  if (!check(data)) return `${path}: expected ${expected as string}, got ${pythonTypeName(data)}`;
  if (expected === "integer" && typeof data === "boolean") return `${path}: expected integer, got boolean`;
  return null;
}

interface Where {
  readonly path: string;
  readonly pointer: string;
}

class Walk {
  readonly issues: Issue[] = [];

  private push(pointer: string, message: string): void {
    this.issues.push({ pointer, message });
  }

  validate(schema: Schema, data: unknown, at: Where): void {
    if ("const" in schema && !pythonEquals(data, schema.const))
      return this.push(
        at.pointer,
        `${at.path}: value ${pythonRepr(data)} does not match const ${pythonRepr(schema.const)}`,
      );
    if (Array.isArray(schema.enum) && !schema.enum.some((option) => pythonEquals(data, option)))
      return this.push(at.pointer, `${at.path}: value ${pythonRepr(data)} not in enum ${pythonRepr(schema.enum)}`);
    const expected = schema.type;
    const typeError = pythonTruthy(expected) ? typeErrorOf(expected, data, at.path) : null;
    if (typeError !== null) return this.push(at.pointer, typeError);
    if (expected === "object") this.object(schema, data as Record<string, unknown>, at);
    else if (expected === "array") this.array(schema, data as unknown[], at);
    else if (expected === "integer" || expected === "number") this.number(schema, data, at);
    else if (
      TYPES.object!(data) &&
      ("required" in schema || "properties" in schema || "additionalProperties" in schema)
    )
      this.object(schema, data as Record<string, unknown>, at);
    else if (Array.isArray(data) && "items" in schema) this.array(schema, data, at);
    this.combinators(schema, data, at);
  }

  private object(schema: Schema, data: Record<string, unknown>, at: Where): void {
    const member = (name: string): Where => ({
      path: `${at.path}.${name}`,
      pointer: `${at.pointer}/${escapeToken(name)}`,
    });
    const required = Array.isArray(schema.required) ? schema.required : [];
    for (const name of required)
      if (!(typeof name === "string" && Object.hasOwn(data, name)))
        this.push(member(String(name)).pointer, `${at.path}: missing required field ${pythonStr(name)}`);
    const properties = isSchema(schema.properties) ? schema.properties : {};
    const additional = schema.additionalProperties;
    for (const [name, value] of Object.entries(data)) {
      const child = Object.hasOwn(properties, name) ? properties[name] : undefined;
      if (child !== undefined) {
        if (isSchema(child)) this.validate(child, value, member(name));
      } else if (additional === false) this.push(member(name).pointer, `${at.path}: unexpected field ${name}`);
      else if (isSchema(additional)) this.validate(additional, value, member(name));
    }
  }

  private array(schema: Schema, data: unknown[], at: Where): void {
    const items = schema.items;
    if (!isSchema(items)) return;
    data.forEach((item, index) =>
      this.validate(items, item, { path: `${at.path}[${index}]`, pointer: `${at.pointer}/${index}` }),
    );
  }

  private number(schema: Schema, data: unknown, at: Where): void {
    const value = numeric(data);
    const minimum = numeric(schema.minimum);
    const maximum = numeric(schema.maximum);
    if (value === null) return;
    if (minimum !== null && value < minimum)
      this.push(at.pointer, `${at.path}: value ${pythonStr(data)} below minimum ${pythonStr(schema.minimum)}`);
    if (maximum !== null && value > maximum)
      this.push(at.pointer, `${at.path}: value ${pythonStr(data)} above maximum ${pythonStr(schema.maximum)}`);
  }

  private combinators(schema: Schema, data: unknown, at: Where): void {
    if (Array.isArray(schema.allOf)) for (const sub of schema.allOf) if (isSchema(sub)) this.validate(sub, data, at);
    const passes = (sub: unknown): boolean => {
      if (!isSchema(sub)) return false;
      const branch = new Walk();
      branch.validate(sub, data, at);
      return branch.issues.length === 0;
    };
    if (Array.isArray(schema.anyOf) && !schema.anyOf.some(passes))
      this.push(at.pointer, `${at.path}: did not match anyOf schema`);
    if (Array.isArray(schema.oneOf)) {
      const matches = schema.oneOf.filter(passes).length;
      if (matches !== 1) this.push(at.pointer, `${at.path}: expected oneOf match, got ${matches}`);
    }
  }
}

/** Every issue in one pass, in the platform's walk order (deterministic for a given document). */
export function validateSchemaLite(schema: Schema, value: unknown): Issue[] {
  const walk = new Walk();
  walk.validate(schema, value, { path: "$", pointer: "" });
  return walk.issues;
}
