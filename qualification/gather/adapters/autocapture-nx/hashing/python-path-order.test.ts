import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  compareCodePoints,
  comparePythonPathOrder,
  pythonCasefold,
  sortByPythonPathOrder,
} from "./python-path-order.ts";

describe("pythonCasefold", () => {
  // Expected values printed by CPython 3.11: `json.dumps({c: c.casefold() for c in cases})`.
  test.each([
    ["Straße", "strasse"],
    ["\u1e9e", "ss"],
    ["\u0131", "\u0131"],
    ["\u0130", "i\u0307"],
    ["\u017f", "s"],
    ["\u03c2", "\u03c3"],
    ["\u00b5", "\u03bc"],
    ["\ufb01", "fi"],
    ["\u0390", "\u03b9\u0308\u0301"],
    ["\u212a", "k"],
    ["\u00c5", "\u00e5"],
    ["\u1fb3", "\u03b1\u03b9"],
    ["\u0149", "\u02bcn"],
    ["\u13a0", "\u13a0"],
    ["\uab70", "\u13a0"],
    ["\u13f8", "\u13f0"],
    ["\u01f0", "j\u030c"],
    ["\u03a3\u0391\u03a3", "\u03c3\u03b1\u03c3"],
    ["\u00c0\u00c9\u00ce", "\u00e0\u00e9\u00ee"],
    ["\u01c4", "\u01c6"],
    ["\u01c5", "\u01c6"],
    ["Plugin.JSON", "plugin.json"],
  ])("%j → %j", (input, expected) => {
    expect(pythonCasefold(input)).toBe(expected);
  });
});

describe("compareCodePoints", () => {
  test("astral characters sort above U+E000–U+FFFF, unlike UTF-16 unit order", () => {
    expect("\u{1F600}" < "\ue000").toBe(true);
    expect(compareCodePoints("\u{1F600}", "\ue000")).toBeGreaterThan(0);
  });

  test("property: agrees with comparing arrays of code points", () => {
    const byCodePoints = (a: string, b: string): number => {
      const x = [...a].map((c) => c.codePointAt(0)!);
      const y = [...b].map((c) => c.codePointAt(0)!);
      for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
      return x.length - y.length;
    };
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), fc.string({ unit: "grapheme" }), (a, b) => {
        expect(Math.sign(compareCodePoints(a, b))).toBe(Math.sign(byCodePoints(a, b)));
      }),
    );
  });
});

describe("Python path order", () => {
  test.each([
    ["a.txt", "B.txt"],
    ["B.txt", "blob.bin"],
    ["sub.txt", "sub/c.md"],
    ["_x", "A"],
    ["A", "a"],
  ])("%j sorts before %j", (first, second) => {
    expect(comparePythonPathOrder(first, second)).toBeLessThan(0);
    expect(comparePythonPathOrder(second, first)).toBeGreaterThan(0);
  });

  test("matches CPython's sorted(key=lambda r: (r.casefold(), r)) on a mixed list", () => {
    const names = [
      "a.txt",
      "B.txt",
      "blob.bin",
      "sub.txt",
      "sub/c.md",
      "_x",
      "A",
      "a",
      "straße.md",
      "STRASSE.md",
      "strasse.md",
      "é",
      "E",
      "f",
      "\ue000",
      "\u{1F600}",
      "z",
    ];
    expect(sortByPythonPathOrder(names, (name) => name)).toEqual([
      "_x",
      "A",
      "a",
      "a.txt",
      "B.txt",
      "blob.bin",
      "E",
      "f",
      "STRASSE.md",
      "strasse.md",
      "straße.md",
      "sub.txt",
      "sub/c.md",
      "z",
      "é",
      "\ue000",
      "\u{1F600}",
    ]);
  });
});
