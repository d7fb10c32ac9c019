import { expect, test } from "vitest";
import { pythonStrip } from "./python-strip.ts";

test.each([
  ["  key-1\n", "key-1"],
  ["\x1c\x1fkey\x85", "key"],
  ["\u3000key\u2028", "key"],
  ["\ufeffkey", "\ufeffkey"],
  ["in ner", "in ner"],
  [" \t ", ""],
])("pythonStrip(%j) → %j (CPython 3.11's isspace set)", (input, expected) => {
  expect(pythonStrip(input)).toBe(expected);
});
