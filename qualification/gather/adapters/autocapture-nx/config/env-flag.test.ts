import { expect, test } from "vitest";
import { envFlag, envSwitchedOn } from "./env-flag.ts";

test.each([
  [undefined, false, false],
  [undefined, true, true],
  ["1", false, true],
  [" TRUE\n", false, true],
  ["On", false, true],
  ["yeſ", false, true], // casefold, not lower: the long s folds to "s"
  ["off", true, false],
  [" No ", true, false],
  ["2", true, true],
  ["2", false, false],
  ["", true, true],
])("_env_flag(%j, default=%j) → %j", (raw, fallback, expected) => {
  expect(envFlag(raw, fallback)).toBe(expected);
});

test.each([
  [undefined, false],
  ["1", true],
  ["YES", true],
  ["on", false],
  [" 1", false],
  ["0", false],
])("AUTOCAPTURE_SAFE_MODE_MINIMAL=%j switches safe_mode_minimal on: %j", (raw, expected) => {
  expect(envSwitchedOn(raw)).toBe(expected);
});
