import { describe, expect, test } from "vitest";
import type { ProbeRun } from "../../contracts/probe-spec.ts";
import { evaluateExpectation } from "./evaluate-expectation.ts";

const ok = (result: unknown): ProbeRun => ({ outcome: "ok", result });

describe("evaluateExpectation", () => {
  test("equals compares deeply, whatever the key order", () => {
    expect(evaluateExpectation({ kind: "equals", value: { a: 1, b: [2] } }, ok({ b: [2], a: 1 }))).toBeNull();
    expect(evaluateExpectation({ kind: "equals", value: { a: 1 } }, ok({ a: 2 }))?.actual).toEqual({ a: 2 });
  });

  test("contains: substring, array element, object subset", () => {
    expect(evaluateExpectation({ kind: "contains", pointer: "/text", value: "ell" }, ok({ text: "hello" }))).toBeNull();
    expect(evaluateExpectation({ kind: "contains", pointer: "/hits", value: { id: "r2" } }, ok({ hits: [{ id: "r1", s: 1 }, { id: "r2", s: 0 }] }))).toBeNull();
    expect(evaluateExpectation({ kind: "contains", pointer: "", value: "zzz" }, ok("hello"))).not.toBeNull();
  });

  test("json_path_equals reports a missing path", () => {
    expect(evaluateExpectation({ kind: "json_path_equals", pointer: "/a/0", value: 1 }, ok({ a: [1] }))).toBeNull();
    expect(evaluateExpectation({ kind: "json_path_equals", pointer: "/b", value: 1 }, ok({ a: [1] }))?.message).toMatch(/no value at \/b/);
  });

  test("matches_schema uses the platform's schema semantics", () => {
    const schema = { type: "object", required: ["state"], properties: { state: { enum: ["ok", "no_evidence"] } } };
    expect(evaluateExpectation({ kind: "matches_schema", schema }, ok({ state: "ok" }))).toBeNull();
    expect(evaluateExpectation({ kind: "matches_schema", schema }, ok({ state: "maybe" }))).not.toBeNull();
  });

  test("error expectations need a raise of the right type and message", () => {
    const raised: ProbeRun = { outcome: "error", error_type: "ValueError", error: "bad locator" };
    expect(evaluateExpectation({ kind: "error", error_type: "ValueError", message_contains: "locator" }, raised)).toBeNull();
    expect(evaluateExpectation({ kind: "error", error_type: "KeyError" }, raised)).not.toBeNull();
    expect(evaluateExpectation({ kind: "error" }, ok(1))).not.toBeNull();
  });

  test("a value expectation on a failed call fails instead of passing vacuously", () => {
    expect(evaluateExpectation({ kind: "equals", value: null }, { outcome: "error", error_type: "X", error: "y" })).not.toBeNull();
  });
});
