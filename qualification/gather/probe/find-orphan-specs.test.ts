import { expect, test } from "vitest";
import { findOrphanSpecs } from "./find-orphan-specs.ts";

test("specs whose ID is no canonical plugin are orphans, sorted and de-duplicated", () => {
  expect(findOrphanSpecs(["b.removed", "a.kept", "c.typo", "b.removed"], ["a.kept", "d.unprobed"])).toEqual([
    "b.removed",
    "c.typo",
  ]);
  expect(findOrphanSpecs([], ["a"])).toEqual([]);
  // A canonical plugin without a spec is not an orphan question: `functional` fails it with SPEC_MISSING.
  expect(findOrphanSpecs(["a"], ["a", "b"])).toEqual([]);
});
