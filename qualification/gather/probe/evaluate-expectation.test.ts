import { describe, expect, test } from "vitest";
import type { ProbeRun } from "../../../contracts/probe-spec.ts";
import { evaluateExpectation } from "./evaluate-expectation.ts";

const ok = (result: unknown): ProbeRun => ({ outcome: "ok", result });

describe("evaluateExpectation", () => {
  test("equals compares deeply, whatever the key order", () => {
    expect(evaluateExpectation({ kind: "equals", value: { a: 1, b: [2] } }, ok({ b: [2], a: 1 }))).toBeNull();
    expect(evaluateExpectation({ kind: "equals", value: { a: 1 } }, ok({ a: 2 }))?.actual).toEqual({ a: 2 });
  });

  test("contains: substring, array element, object subset", () => {
    expect(evaluateExpectation({ kind: "contains", pointer: "/text", value: "ell" }, ok({ text: "hello" }))).toBeNull();
    expect(
      evaluateExpectation(
        { kind: "contains", pointer: "/hits", value: { id: "r2" } },
        ok({
          hits: [
            { id: "r1", s: 1 },
            { id: "r2", s: 0 },
          ],
        }),
      ),
    ).toBeNull();
    expect(evaluateExpectation({ kind: "contains", pointer: "", value: "zzz" }, ok("hello"))).not.toBeNull();
  });

  test("json_path_equals reports a missing path", () => {
    expect(evaluateExpectation({ kind: "json_path_equals", pointer: "/a/0", value: 1 }, ok({ a: [1] }))).toBeNull();
    expect(evaluateExpectation({ kind: "json_path_equals", pointer: "/b", value: 1 }, ok({ a: [1] }))?.message).toMatch(
      /no value at \/b/,
    );
  });

  test("matches_schema is full JSON Schema 2020-12: enum, required", () => {
    const schema = { type: "object", required: ["state"], properties: { state: { enum: ["ok", "no_evidence"] } } };
    expect(evaluateExpectation({ kind: "matches_schema", schema }, ok({ state: "ok" }))).toBeNull();
    expect(evaluateExpectation({ kind: "matches_schema", schema }, ok({ state: "maybe" }))?.message).toContain(
      "/state must be equal to one of the allowed values",
    );
  });

  test("matches_schema enforces pattern, minLength, minItems, $ref and format (no false pass for a spec author)", () => {
    const schema = {
      $defs: { id: { type: "string", pattern: "^rec_[0-9]+$" } },
      type: "object",
      properties: {
        ids: { type: "array", minItems: 2, items: { $ref: "#/$defs/id" } },
        name: { type: "string", minLength: 3 },
        at: { type: "string", format: "date-time" },
      },
    };
    const good = { ids: ["rec_1", "rec_2"], name: "abc", at: "2026-03-01T12:00:00Z" };
    expect(evaluateExpectation({ kind: "matches_schema", schema }, ok(good))).toBeNull();
    const fails = (value: unknown) =>
      evaluateExpectation({ kind: "matches_schema", schema }, ok(value))?.message ?? "passed";
    expect(fails({ ...good, ids: ["rec_1", "x"] })).toContain('/ids/1 must match pattern "^rec_[0-9]+$"');
    expect(fails({ ...good, ids: ["rec_1"] })).toContain("/ids must NOT have fewer than 2 items");
    expect(fails({ ...good, name: "ab" })).toContain("/name must NOT have fewer than 3 characters");
    expect(fails({ ...good, at: "yesterday" })).toContain('/at must match format "date-time"');
  });

  test("error expectations need a raise of the right type and message", () => {
    const raised: ProbeRun = { outcome: "error", error_type: "ValueError", error: "bad locator" };
    expect(
      evaluateExpectation({ kind: "error", error_type: "ValueError", message_contains: "locator" }, raised),
    ).toBeNull();
    expect(evaluateExpectation({ kind: "error", error_type: "KeyError" }, raised)).not.toBeNull();
    expect(evaluateExpectation({ kind: "error" }, ok(1))).not.toBeNull();
  });

  test("a value expectation on a failed call fails instead of passing vacuously", () => {
    expect(
      evaluateExpectation({ kind: "equals", value: null }, { outcome: "error", error_type: "X", error: "y" }),
    ).not.toBeNull();
  });
});
