import { createHash } from "node:crypto";
import { setOwn } from "./set-own.ts";

/**
 * Keys sorted by code point (not UTF-16 units, not locale), `undefined` members dropped, so equal data gives
 * equal bytes whatever order it was built in. Non-finite numbers are a fault: they have no JSON form.
 */
function normalise(value: unknown, path: string): unknown {
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new TypeError(`canonical JSON: non-finite number at ${path || "/"}`);
    return value;
  }
  if (Array.isArray(value))
    return value.map((item, index) => normalise(item === undefined ? null : item, `${path}/${index}`));
  if (typeof value === "object") {
    const source = value as Record<string, unknown>;
    const keys = Object.keys(source)
      .filter((key) => source[key] !== undefined)
      .sort(compareCodePoints);
    const out: Record<string, unknown> = {};
    for (const key of keys) setOwn(out, key, normalise(source[key], `${path}/${key}`));
    return out;
  }
  throw new TypeError(`canonical JSON: unsupported ${typeof value} at ${path || "/"}`);
}

export function compareCodePoints(a: string, b: string): number {
  const left = [...a];
  const right = [...b];
  const length = Math.min(left.length, right.length);
  for (let i = 0; i < length; i++) {
    const diff = (left[i]!.codePointAt(0) ?? 0) - (right[i]!.codePointAt(0) ?? 0);
    if (diff !== 0) return diff;
  }
  return left.length - right.length;
}

/** Compact canonical form: the bytes that get hashed and signed. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalise(value, ""));
}

/** Indented canonical form with a trailing newline: the bytes written to output files. */
export function stableJson(value: unknown): string {
  return `${JSON.stringify(normalise(value, ""), null, 2)}\n`;
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}
