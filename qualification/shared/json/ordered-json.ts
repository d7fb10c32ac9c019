import { setOwn } from "../canonical/set-own.ts";
/**
 * JSON as written: key order, duplicate keys and each scalar's source text (`1.0`, `"\u00e9"`) survive, so a
 * config can be edited in one place and written back with every other byte unchanged. JS objects cannot do
 * this (integer-like keys move to the front; `1.0` becomes `1`).
 */
export type JsonNode =
  | {
      readonly kind: "object";
      readonly entries: ReadonlyArray<{ readonly key: string; readonly rawKey: string; readonly value: JsonNode }>;
    }
  | { readonly kind: "array"; readonly items: readonly JsonNode[] }
  | { readonly kind: "scalar"; readonly raw: string };

export interface OrderedJson {
  readonly root: JsonNode;
  /** Whitespace (or a BOM) before the value and after it, kept verbatim. */
  readonly prefix: string;
  readonly suffix: string;
}

export class JsonSyntaxError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(`${message} at offset ${offset}`);
    this.name = "JsonSyntaxError";
  }
}

const WS = /[ \t\n\r]/;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

export function parseOrderedJson(text: string): OrderedJson {
  let at = 0;
  const skip = (): void => {
    while (at < text.length && WS.test(text[at]!)) at++;
  };
  const take = (pattern: RegExp, what: string): string => {
    pattern.lastIndex = at;
    const match = pattern.exec(text);
    if (!match) throw new JsonSyntaxError(at, `expected ${what}`);
    at += match[0].length;
    return match[0];
  };
  const expect = (char: string): void => {
    if (text[at] !== char) throw new JsonSyntaxError(at, `expected ${JSON.stringify(char)}`);
    at++;
  };
  const value = (): JsonNode => {
    skip();
    const char = text[at];
    if (char === "{") {
      at++;
      const entries: Array<{ key: string; rawKey: string; value: JsonNode }> = [];
      skip();
      if (text[at] === "}") return (at++, { kind: "object", entries });
      for (;;) {
        skip();
        const rawKey = take(STRING, "a string key");
        skip();
        expect(":");
        entries.push({ key: JSON.parse(rawKey) as string, rawKey, value: value() });
        skip();
        if (text[at] === ",") at++;
        else return (expect("}"), { kind: "object", entries });
      }
    }
    if (char === "[") {
      at++;
      const items: JsonNode[] = [];
      skip();
      if (text[at] === "]") return (at++, { kind: "array", items });
      for (;;) {
        items.push(value());
        skip();
        if (text[at] === ",") at++;
        else return (expect("]"), { kind: "array", items });
      }
    }
    if (char === '"') return { kind: "scalar", raw: take(STRING, "a string") };
    for (const literal of ["true", "false", "null"]) {
      if (text.startsWith(literal, at)) return ((at += literal.length), { kind: "scalar", raw: literal });
    }
    return { kind: "scalar", raw: take(NUMBER, "a JSON value") };
  };
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  at = start;
  skip();
  const prefix = text.slice(0, at);
  const root = value();
  const valueEnd = at;
  skip();
  if (at !== text.length) throw new JsonSyntaxError(at, "unexpected text after the JSON value");
  return { root, prefix, suffix: text.slice(valueEnd) };
}

/** The plain value (`JSON.parse` semantics: the last of duplicate keys wins). */
export function toPlain(node: JsonNode): unknown {
  if (node.kind === "scalar") return JSON.parse(node.raw);
  if (node.kind === "array") return node.items.map(toPlain);
  const out: Record<string, unknown> = {};
  for (const entry of node.entries) setOwn(out, entry.key, toPlain(entry.value));
  return out;
}

/** A node for a new plain value; strings are escaped the way the file escapes (ASCII-only or not). */
export function fromPlain(value: unknown, asciiOnly: boolean): JsonNode {
  const encodeString = (text: string): string =>
    asciiOnly
      ? JSON.stringify(text).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)
      : JSON.stringify(text);
  if (typeof value === "string") return { kind: "scalar", raw: encodeString(value) };
  if (value === null || typeof value === "boolean" || typeof value === "number")
    return { kind: "scalar", raw: JSON.stringify(value) };
  if (Array.isArray(value)) return { kind: "array", items: value.map((item) => fromPlain(item, asciiOnly)) };
  if (typeof value === "object")
    return {
      kind: "object",
      entries: Object.entries(value).map(([key, item]) => ({
        key,
        rawKey: encodeString(key),
        value: fromPlain(item, asciiOnly),
      })),
    };
  throw new TypeError(`not JSON: ${typeof value}`);
}
