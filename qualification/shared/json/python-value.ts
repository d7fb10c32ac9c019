import { pythonFloatRepr } from "./python-json-dumps.ts";
import { setOwn } from "../canonical/set-own.ts";

/**
 * JSON values as the Python platform sees them after `json.load`. JS loses one distinction Python keeps: `30.0`
 * is a float there (`isinstance(30.0, int)` is false, so SchemaLite says `expected integer, got float`) but a
 * plain integral number after `JSON.parse`. `parsePythonJson` keeps it by boxing every number written with a
 * fraction or an exponent in a `PyFloat`; every other JS number is a Python `int` when integral.
 */
export class PyFloat {
  constructor(readonly value: number) {}
  /** Serialises as the number it holds, so a boxed value never leaks an object into evidence. */
  toJSON(): number {
    return this.value;
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*"/y;
const SPACE = /[ \t\n\r]*/y;

/**
 * `JSON.parse` with float lexemes boxed. Returns null when the text is not JSON (callers parse with `JSON.parse`
 * first and report that error) or nests too deeply for the recursion; the caller then validates the plain value.
 */
export function parsePythonJson(text: string): unknown {
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const token = (re: RegExp): string | null => {
    re.lastIndex = at;
    const match = re.exec(text);
    if (!match) return null;
    at = re.lastIndex;
    return match[0];
  };
  const fail = (): never => {
    throw new SyntaxError(`unexpected input at ${at}`);
  };
  const expect = (char: string): void => {
    token(SPACE);
    if (text[at] !== char) fail();
    at += 1;
  };
  const value = (): unknown => {
    token(SPACE);
    const char = text[at];
    if (char === "{") {
      at += 1;
      // Own data properties even for a key like `__proto__`, exactly as JSON.parse creates them.
      const object: Record<string, unknown> = {};
      token(SPACE);
      if (text[at] === "}") return ((at += 1), object);
      for (;;) {
        token(SPACE);
        const key = JSON.parse(token(STRING) ?? fail()) as string;
        expect(":");
        setOwn(object, key, value());
        token(SPACE);
        if (text[at] === ",") at += 1;
        else return (expect("}"), object);
      }
    }
    if (char === "[") {
      at += 1;
      const array: unknown[] = [];
      token(SPACE);
      if (text[at] === "]") return ((at += 1), array);
      for (;;) {
        array.push(value());
        token(SPACE);
        if (text[at] === ",") at += 1;
        else return (expect("]"), array);
      }
    }
    if (char === '"') return JSON.parse(token(STRING) ?? fail());
    for (const [word, literal] of [
      ["true", true],
      ["false", false],
      ["null", null],
    ] as const) {
      if (text.startsWith(word, at)) return ((at += word.length), literal);
    }
    const lexeme = token(NUMBER) ?? fail();
    return /[.eE]/.test(lexeme) ? new PyFloat(Number(lexeme)) : Number(lexeme);
  };
  try {
    const result = value();
    token(SPACE);
    return at === text.length ? result : null;
  } catch {
    return null;
  }
}

/**
 * An already-parsed JSON object file as Python loads it: re-read from its bytes with float lexemes kept,
 * falling back to `parsed` (its `JSON.parse` value) when the re-read cannot produce an object.
 */
export function asPythonObject(bytes: Buffer, parsed: Record<string, unknown>): Record<string, unknown> {
  const value = parsePythonJson(bytes.toString("utf8"));
  return value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof PyFloat)
    ? (value as Record<string, unknown>)
    : parsed;
}

const isNumeric = (v: unknown): v is number | boolean | PyFloat =>
  typeof v === "number" || typeof v === "boolean" || v instanceof PyFloat;
const numeric = (v: number | boolean | PyFloat): number => (v instanceof PyFloat ? v.value : Number(v));
const isDict = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof PyFloat);

/** `type(value).__name__` of the Python object `json.load` would give. */
export function pythonTypeName(value: unknown): string {
  if (value === null || value === undefined) return "NoneType";
  if (typeof value === "boolean") return "bool";
  if (value instanceof PyFloat) return "float";
  if (typeof value === "number") return Number.isInteger(value) ? "int" : "float";
  if (typeof value === "string") return "str";
  return Array.isArray(value) ? "list" : "dict";
}

/** Python `==` on JSON values: `True == 1 == 1.0`, lists element-wise, dicts by key set and values. */
export function pythonEquals(a: unknown, b: unknown): boolean {
  if (isNumeric(a) && isNumeric(b)) return numeric(a) === numeric(b);
  if (Array.isArray(a) || Array.isArray(b))
    return (
      Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => pythonEquals(item, b[i]))
    );
  if (isDict(a) && isDict(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length &&
      keys.every((key) => Object.hasOwn(b, key) && pythonEquals(a[key], b[key]))
    );
  }
  return a === b;
}

// Python's str.isprintable(): everything but Cc, Cf, Cs, Co, Cn, Zl, Zp and Zs other than the ASCII space.
const NOT_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

function reprString(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const char of text) {
    const cp = char.codePointAt(0)!;
    if (char === quote || char === "\\") out += `\\${char}`;
    else if (char === "\n") out += "\\n";
    else if (char === "\r") out += "\\r";
    else if (char === "\t") out += "\\t";
    else if (char !== " " && NOT_PRINTABLE.test(char))
      out +=
        cp < 0x100
          ? `\\x${cp.toString(16).padStart(2, "0")}`
          : cp < 0x10000
            ? `\\u${cp.toString(16).padStart(4, "0")}`
            : `\\U${cp.toString(16).padStart(8, "0")}`;
    else out += char;
  }
  return out + quote;
}

/** `repr(float)`; an overflowing lexeme such as `1e400` is `inf` in Python. */
const floatRepr = (value: number): string =>
  Number.isFinite(value) ? pythonFloatRepr(value) : value > 0 ? "inf" : "-inf";

/** Python `repr()` of a JSON value (`'x'`, `True`, `None`, `[1, 2]`, `{'a': 1.0}`), for messages quoted verbatim. */
export function pythonRepr(value: unknown): string {
  if (value === null || value === undefined) return "None";
  if (typeof value === "boolean") return value ? "True" : "False";
  if (value instanceof PyFloat) return floatRepr(value.value);
  if (typeof value === "number") return Number.isInteger(value) ? BigInt(value).toString() : floatRepr(value);
  if (typeof value === "string") return reprString(value);
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(", ")}]`;
  return `{${Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${reprString(k)}: ${pythonRepr(v)}`)
    .join(", ")}}`;
}

/** Python `str()`: a string as it is, anything else as its repr (f-string interpolation). */
export function pythonStr(value: unknown): string {
  return typeof value === "string" ? value : pythonRepr(value);
}
