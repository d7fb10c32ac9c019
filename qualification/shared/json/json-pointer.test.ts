import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { deepEqual, diffJson, getPointer } from "./json-pointer.ts";

describe("json pointers", () => {
  test("reads nested members, escaped tokens and array indexes", () => {
    const doc = { a: [{ "b/c": { "d~e": 1 } }] };
    expect(getPointer(doc, "/a/0/b~1c/d~0e")).toEqual({ found: true, value: 1 });
    expect(getPointer(doc, "/a/1")).toEqual({ found: false });
    expect(getPointer(doc, "")).toEqual({ found: true, value: doc });
  });

  test("diff names each differing leaf", () => {
    expect(diffJson({ a: 1, b: [1, 2], c: "x" }, { a: 1, b: [1, 3], d: true })).toEqual([
      { pointer: "/b/1", left: 2, right: 3 },
      { pointer: "/c", left: "x", right: undefined },
      { pointer: "/d", left: undefined, right: true },
    ]);
  });

  test("a value never differs from itself, and any difference is found by its pointer", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        expect(diffJson(a, a)).toEqual([]);
        const diffs = diffJson(a, b);
        expect(diffs.length === 0).toBe(JSON.stringify(a) === JSON.stringify(b) || deepEqual(a, b));
        for (const d of diffs) {
          const left = getPointer(a, d.pointer);
          expect(left.found ? JSON.stringify(left.value) : undefined).toBe(
            d.left === undefined ? undefined : JSON.stringify(d.left),
          );
        }
      }),
    );
  });
});
