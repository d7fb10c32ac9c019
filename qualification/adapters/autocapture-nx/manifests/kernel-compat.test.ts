import { expect, test } from "vitest";
import { satisfiesKernel } from "./kernel-compat.ts";

test.each([
  [">=0.1.0", true],
  [">0.1.0", false],
  ["<=0.1", true],
  ["<0.2.0", true],
  ["==0.1.0", true],
  ["0.1.0", true],
  [">=0.10.0", false],
  ["~0.1", false],
])("kernel 0.1.0 vs %s → %s", (requirement, expected) => {
  expect(satisfiesKernel(requirement, "0.1.0")).toBe(expected);
});
