import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { canonicalJson, compareCodePoints, stableJson } from "./canonical-json.ts";

function shuffleKeys(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) return value.map((item) => shuffleKeys(item, seed));
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    const rotated = entries.map((_, i) => entries[(i + seed) % entries.length]!);
    return Object.fromEntries(rotated.map(([k, v]) => [k, shuffleKeys(v, seed + 1)]));
  }
  return value;
}

describe("canonicalJson", () => {
  test("key order of the input never changes the bytes", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(7), (value, seed) => {
        expect(canonicalJson(shuffleKeys(value, seed))).toBe(canonicalJson(value));
      }),
    );
  });

  test("sorts by code point, so astral characters sort after BMP ones", () => {
    expect(compareCodePoints("\u{1F600}", "\uFFFF")).toBeGreaterThan(0);
    expect(canonicalJson({ b: 1, a: 2, B: 3 })).toBe('{"B":3,"a":2,"b":1}');
  });

  test("drops undefined members and rejects non-finite numbers", () => {
    expect(canonicalJson({ a: undefined, b: [undefined] })).toBe('{"b":[null]}');
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(/non-finite number at \/a/);
  });

  test("stableJson is indented and newline-terminated", () => {
    expect(stableJson({ b: 1, a: 2 })).toBe('{\n  "a": 2,\n  "b": 1\n}\n');
  });
});

describe("keys that are Object.prototype member names", () => {
  test("`__proto__` and `constructor` members are kept, sorted and hashed like any other key", () => {
    const parsed = JSON.parse('{"z": 1, "__proto__": {"b": 2, "a": 1}, "constructor": null}') as unknown;
    expect(canonicalJson(parsed)).toBe('{"__proto__":{"a":1,"b":2},"constructor":null,"z":1}');
  });
});
