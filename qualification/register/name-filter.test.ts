import { describe, expect, test } from "vitest";
import { mayRun, runNamePattern } from "./name-filter.ts";

const CHECKS = ["allowlisted", "hash_ok", "enabled", "loaded", "capability_present", "functional"];

describe("runNamePattern", () => {
  test("reads the -t pattern from Vitest's worker state, and null for anything else", () => {
    expect(runNamePattern({ config: { testNamePattern: /a\.b/ } })).toEqual(/a\.b/);
    expect(runNamePattern({ config: { testNamePattern: "a.b" } })).toBeNull();
    expect(runNamePattern({ config: {} })).toBeNull();
    expect(runNamePattern(undefined)).toBeNull();
  });
});

describe("mayRun", () => {
  test("no filter: every plugin is registered", () => {
    expect(mayRun(null, "builtin.x", CHECKS)).toBe(true);
  });

  test("the filters users type select exactly the plugins Vitest would run", () => {
    const cases: Array<[RegExp, string, boolean]> = [
      [/builtin.privacy.sanitizer/, "builtin.privacy.sanitizer", true],
      [/builtin.privacy.sanitizer/, "builtin.privacy.sanitizer_v2", true],
      [/builtin.privacy.sanitizer/, "builtin.time.intent_parser", false],
      [/^builtin\.time /, "builtin.time", true],
      [/^builtin\.time /, "builtin.time.intent_parser", false],
      [/functional$/, "anything.at.all", true],
      [/› hash_ok/, "builtin.x", true],
      [/run › /, "builtin.x", false],
      [/builtin.x › functional/g, "builtin.x", true],
    ];
    for (const [pattern, id, expected] of cases)
      expect(mayRun(pattern, id, CHECKS), `${pattern} on ${id}`).toBe(expected);
  });

  test("a global pattern gives the same answer however often it is asked (no lastIndex state)", () => {
    const pattern = /builtin\.x/g;
    expect([1, 2, 3].map(() => mayRun(pattern, "builtin.x", CHECKS))).toEqual([true, true, true]);
  });
});
