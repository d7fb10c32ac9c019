import { describe, expect, test } from "vitest";
import { verdictDifference } from "./verdict-difference.ts";

describe("verdictDifference: a VERDICT_MISMATCH names the field and both values", () => {
  test("same status and reason, different detail: the detail is named, with both texts", () => {
    const recorded = { status: "pass", reason: null, detail: "in load-report `loaded`" };
    const derived = { status: "pass", reason: null, detail: "loaded: judged by the suite's load" };
    expect(verdictDifference(recorded, derived)).toBe(
      '/detail: recorded "in load-report `loaded`", the evidence gives "loaded: judged by the suite\'s load"',
    );
  });

  test("a field only one side has, and many differences, are said as such", () => {
    expect(
      verdictDifference(
        { status: "fail", reason: "X", detail: "d" },
        { status: "fail", reason: "X", detail: "d", expected: [1] },
      ),
    ).toBe("/expected: recorded (absent), the evidence gives [1]");
    const many = verdictDifference(
      { a: 1, b: 1, c: 1, d: 1, e: 1, f: 1, g: 1 },
      { a: 2, b: 2, c: 2, d: 2, e: 2, f: 2, g: 2 },
    );
    expect(many).toMatch(/^\/a: recorded 1, the evidence gives 2; .*; and 2 more field\(s\)$/);
  });
});
