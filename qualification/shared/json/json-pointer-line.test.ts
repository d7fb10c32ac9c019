import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { jsonPointerLine } from "./json-pointer-line.ts";

describe("jsonPointerLine", () => {
  const text = JSON.stringify(
    { plugins: { "a/b": { artifact_sha256: "x" }, list: [1, { k: [true] }] }, "": 0 },
    null,
    2,
  );

  test("the line of a member's key, an array element, the root; null for what is not there", () => {
    expect(jsonPointerLine(text, "")).toBe(1);
    expect(jsonPointerLine(text, "/plugins")).toBe(2);
    expect(jsonPointerLine(text, "/plugins/a~1b/artifact_sha256")).toBe(4);
    expect(jsonPointerLine(text, "/plugins/list/1/k/0")).toBe(10);
    expect(jsonPointerLine(text, "/")).toBe(15);
    expect(jsonPointerLine(text, "/plugins/missing")).toBeNull();
    expect(jsonPointerLine("{ not json", "/a")).toBeNull();
  });

  test("property: on pretty-printed JSON, the line found holds the member's key", () => {
    const key = fc.string({ minLength: 1, maxLength: 6 }).filter((k) => !k.includes("\n"));
    fc.assert(
      fc.property(
        fc.dictionary(key, fc.dictionary(key, fc.jsonValue(), { maxKeys: 4 }), { minKeys: 1, maxKeys: 5 }),
        (value) => {
          const pretty = JSON.stringify(value, null, 2);
          for (const [outer, inner] of Object.entries(value)) {
            const escape = (k: string) => k.replace(/~/g, "~0").replace(/\//g, "~1");
            const line = jsonPointerLine(pretty, `/${escape(outer)}`);
            expect(pretty.split("\n")[line! - 1]).toContain(JSON.stringify(outer));
            for (const k of Object.keys(inner))
              expect(pretty.split("\n")[jsonPointerLine(pretty, `/${escape(outer)}/${escape(k)}`)! - 1]).toContain(
                `${JSON.stringify(k)}:`,
              );
          }
        },
      ),
      { seed: 5, numRuns: 200 },
    );
  });
});
