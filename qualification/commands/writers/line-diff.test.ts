import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { lineDiff } from "./line-diff.ts";

const labels = { a: "a", b: "b" };

describe("lineDiff", () => {
  test("a unified diff with context around each change; nothing for equal texts", () => {
    expect(lineDiff("x\ny", "x\ny", labels)).toEqual([]);
    expect(lineDiff("1\n2\n3\n4\n5\n6\n7", "1\n2\n3\nfour\n5\n6\n7", labels)).toEqual([
      "--- a",
      "+++ b",
      "@@ -2,5 +2,5 @@",
      " 2",
      " 3",
      "-4",
      "+four",
      " 5",
      " 6",
    ]);
  });

  test("property: with full context, the - and space lines rebuild the old text, the + and space lines the new", () => {
    const text = fc.array(fc.constantFrom("a", "b", "c", "{", "}"), { maxLength: 12 }).map((lines) => lines.join("\n"));
    fc.assert(
      fc.property(text, text, (before, after) => {
        const lines = lineDiff(before, after, labels, 1_000);
        if (before === after) {
          expect(lines).toEqual([]);
          return;
        }
        const body = lines.slice(3);
        expect(
          body
            .filter((l) => !l.startsWith("+"))
            .map((l) => l.slice(1))
            .join("\n"),
        ).toBe(before);
        expect(
          body
            .filter((l) => !l.startsWith("-"))
            .map((l) => l.slice(1))
            .join("\n"),
        ).toBe(after);
      }),
      { seed: 9, numRuns: 300 },
    );
  });

  test("a 30,000-line config with changes spread through it diffs in linear space (the old LCS table needed minutes and GiBs)", () => {
    const before = Array.from({ length: 30_000 }, (_, i) => `  "plugin.${i}": true,`).join("\n");
    const after = before.replace(/"plugin\.(\d*7)": true/g, '"plugin.$1": false');
    const started = performance.now();
    const lines = lineDiff(before, after, labels);
    // A guard against the quadratic algorithm's return, not a benchmark: it took over 120 s here.
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(lines.filter((l) => l.startsWith("-  ")).length).toBe(3_000);
    expect(lines.filter((l) => l.startsWith("+  ")).length).toBe(3_000);
  });
});
