import { compareCodePoints } from "../canonical/canonical-json.ts";

export interface PythonJsonDumpsOptions {
  /** Python `indent`; null (the default) puts everything on one line. */
  readonly indent?: number | null;
  readonly sortKeys?: boolean;
  /** Python `separators`; defaults to `(", ", ": ")`, or `(",", ": ")` when indenting, as Python does. */
  readonly separators?: readonly [item: string, key: string];
  /** Python `ensure_ascii` (default true): everything outside U+0020–U+007E becomes `\uXXXX`. */
  readonly ensureAscii?: boolean;
}

const SHORT_ESCAPES: Readonly<Record<number, string>> = {
  0x22: '\\"',
  0x5c: "\\\\",
  0x0a: "\\n",
  0x0d: "\\r",
  0x09: "\\t",
  0x08: "\\b",
  0x0c: "\\f",
};

/**
 * Python's `json.dumps` string encoder. Working on UTF-16 units gives Python's surrogate-pair escapes for
 * astral characters for free (`\ud83d\ude00`), in the same lower-case hex.
 */
function encodeString(text: string, ensureAscii: boolean): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const short = SHORT_ESCAPES[unit];
    if (short !== undefined) out += short;
    else if (unit < 0x20 || (ensureAscii && unit > 0x7e)) out += `\\u${unit.toString(16).padStart(4, "0")}`;
    else out += text[i];
  }
  return `${out}"`;
}

/**
 * Python `repr(float)`: shortest round-trip digits (the same digits JS picks), but positional only for
 * 1e-4 <= |x| < 1e16, with `.0` on integral values and a two-digit signed exponent otherwise.
 */
export function pythonFloatRepr(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "Infinity" : "-Infinity";
  if (value === 0) return Object.is(value, -0) ? "-0.0" : "0.0";
  const [mantissa, exponentText] = Math.abs(value).toExponential().split("e") as [string, string];
  const digits = mantissa.replace(".", "");
  const exponent = Number(exponentText);
  const point = exponent + 1;
  const sign = value < 0 ? "-" : "";
  if (point > 16 || point < -3) {
    const body = digits.length === 1 ? digits : `${digits[0]}.${digits.slice(1)}`;
    return `${sign}${body}e${exponent < 0 ? "-" : "+"}${String(Math.abs(exponent)).padStart(2, "0")}`;
  }
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${"0".repeat(point - digits.length)}.0`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * JSON numbers carry no int/float distinction once parsed, so an integral value is written as a Python int
 * (`1`, not `1.0`): lockfiles, signatures and keyrings only hold ints. Other values use Python's float repr.
 */
function encodeNumber(value: number): string {
  return Number.isInteger(value) ? BigInt(value).toString() : pythonFloatRepr(value);
}

/** Byte-exact `json.dumps(value, indent=…, sort_keys=…, separators=…, ensure_ascii=…)` for JSON-shaped values. */
export function pythonJsonDumps(value: unknown, options: PythonJsonDumpsOptions = {}): string {
  const indent = options.indent ?? null;
  const [itemSeparator, keySeparator] = options.separators ?? (indent === null ? [", ", ": "] : [",", ": "]);
  const ensureAscii = options.ensureAscii ?? true;
  const sortKeys = options.sortKeys ?? false;

  const encode = (node: unknown, depth: number): string => {
    if (node === null) return "null";
    if (node === true) return "true";
    if (node === false) return "false";
    if (typeof node === "string") return encodeString(node, ensureAscii);
    if (typeof node === "number") return encodeNumber(node);
    const inner = indent === null ? "" : `\n${" ".repeat(indent * (depth + 1))}`;
    const outer = indent === null ? "" : `\n${" ".repeat(indent * depth)}`;
    if (Array.isArray(node)) {
      if (node.length === 0) return "[]";
      return `[${inner}${node.map((item: unknown) => encode(item, depth + 1)).join(itemSeparator + inner)}${outer}]`;
    }
    if (typeof node === "object") {
      const entries = Object.entries(node);
      if (entries.length === 0) return "{}";
      if (sortKeys) entries.sort(([a], [b]) => compareCodePoints(a, b));
      const parts = entries.map(
        ([key, item]) => `${encodeString(key, ensureAscii)}${keySeparator}${encode(item, depth + 1)}`,
      );
      return `{${inner}${parts.join(itemSeparator + inner)}${outer}}`;
    }
    throw new TypeError(`Object of type ${typeof node} is not JSON serializable`);
  };

  return encode(value, 0);
}
