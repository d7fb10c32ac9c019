import { describe, expect, test } from "vitest";
import { pythonFloatRepr, pythonJsonDumps } from "./python-json-dumps.ts";

// Every expected string below was printed by CPython 3.11's json.dumps / repr.
describe("pythonJsonDumps", () => {
  test("sort_keys=True, indent=2: nesting, escapes, ensure_ascii", () => {
    const value = {
      b: [1, {}],
      a: 'é\u2028\u{1F600}\x7f\x00"\\/',
      c: [],
      n: null,
      t: true,
      f: 1.5,
      e: 2.5e-7,
      s: 1e-5,
      big: 1e20,
    };
    expect(pythonJsonDumps(value, { indent: 2, sortKeys: true })).toBe(
      [
        "{",
        '  "a": "\\u00e9\\u2028\\ud83d\\ude00\\u007f\\u0000\\"\\\\/",',
        '  "b": [',
        "    1,",
        "    {}",
        "  ],",
        '  "big": 100000000000000000000,',
        '  "c": [],',
        '  "e": 2.5e-07,',
        '  "f": 1.5,',
        '  "n": null,',
        '  "s": 1e-05,',
        '  "t": true',
        "}",
      ].join("\n"),
    );
  });

  test("an empty lockfile as the platform writes it (sort_keys, indent=2): 35 bytes, no trailing newline", () => {
    const text = pythonJsonDumps({ version: 1, plugins: {} }, { indent: 2, sortKeys: true });
    expect(Buffer.from(text).toString("hex")).toBe(
      "7b0a202022706c7567696e73223a207b7d2c0a20202276657273696f6e223a20310a7d",
    );
  });

  test("defaults and compact separators", () => {
    expect(pythonJsonDumps({ b: 1, a: [1, 2] })).toBe('{"b": 1, "a": [1, 2]}');
    expect(pythonJsonDumps({ b: "ü", a: 1 }, { sortKeys: true, separators: [",", ":"] })).toBe('{"a":1,"b":"\\u00fc"}');
    expect(pythonJsonDumps({ a: "ü\x7f\n" }, { ensureAscii: false })).toBe('{"a": "ü\x7f\\n"}');
  });

  test("keys sort by code point, not UTF-16 unit", () => {
    expect(pythonJsonDumps({ "\u{1F600}": 1, "\ue000": 2, B: 3, a: 4 }, { sortKeys: true })).toBe(
      '{"B": 3, "a": 4, "\\ue000": 2, "\\ud83d\\ude00": 1}',
    );
  });

  test("non-JSON values are refused like Python refuses them", () => {
    expect(() => pythonJsonDumps({ a: undefined })).toThrow(TypeError);
  });
});

describe("pythonFloatRepr", () => {
  test.each([
    [0.1, "0.1"],
    [1.5, "1.5"],
    [1e16, "1e+16"],
    [1234567890123456, "1234567890123456.0"],
    [0.0001, "0.0001"],
    [0.00001, "1e-05"],
    [1e22, "1e+22"],
    [2.5e-7, "2.5e-07"],
    [123456789012345678, "1.2345678901234568e+17"],
    [Infinity, "Infinity"],
    [-1.5e300, "-1.5e+300"],
    [5e-324, "5e-324"],
    [-0, "-0.0"],
  ])("%d → %s", (value, expected) => {
    expect(pythonFloatRepr(value)).toBe(expected);
  });
});

test("an integral number is written as a Python int: parsed JSON cannot tell 1 from 1.0", () => {
  expect(pythonJsonDumps({ v: 1e16 })).toBe('{"v": 10000000000000000}');
});
