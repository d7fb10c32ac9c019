import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { percentDown } from "./probe-strength.ts";

describe("the strength total's share", () => {
  test("is rounded down to one decimal, so a score under a bar never reads as reaching it", () => {
    expect(percentDown(238, 299)).toBe("79.5%");
    expect(percentDown(241, 299)).toBe("80.6%");
    expect(percentDown(6, 6)).toBe("100.0%");
  });

  test("never exceeds the exact share", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.nat(), (whole, raw) => {
        const part = raw % (whole + 1);
        expect(Number.parseFloat(percentDown(part, whole))).toBeLessThanOrEqual((part / whole) * 100 + 1e-9);
      }),
    );
  });
});
