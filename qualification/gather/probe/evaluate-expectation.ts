import type { ProbeExpectation, ProbeRun } from "../../../contracts/probe-spec.ts";
import { deepEqual, getPointer } from "../../shared/json/json-pointer.ts";
import { schemaMismatches } from "./json-schema-check.ts";

export interface ExpectationFailure {
  readonly expectation: ProbeExpectation;
  readonly message: string;
  readonly expected: unknown;
  readonly actual: unknown;
}

/** True when `needle` is contained in `hay` in the sense of the `contains` expectation. */
export function contains(hay: unknown, needle: unknown): boolean {
  if (typeof hay === "string" && typeof needle === "string") return hay.includes(needle);
  if (Array.isArray(hay))
    return hay.some(
      (item) => deepEqual(item, needle) || (isObject(item) && isObject(needle) && contains(item, needle)),
    );
  if (isObject(hay) && isObject(needle))
    return Object.entries(needle).every(
      ([key, value]) => Object.hasOwn(hay, key) && (deepEqual(hay[key], value) || contains(hay[key], value)),
    );
  return deepEqual(hay, needle);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Returns the failure, or null when the expectation holds for this run. */
export function evaluateExpectation(expectation: ProbeExpectation, run: ProbeRun): ExpectationFailure | null {
  const failure = (message: string, expected: unknown, actual: unknown): ExpectationFailure => ({
    expectation,
    message,
    expected,
    actual,
  });
  if (expectation.kind === "error") {
    if (run.outcome !== "error")
      return failure(
        "expected the call to raise, but it returned",
        { error_type: expectation.error_type ?? "any" },
        run.result,
      );
    if (expectation.error_type && run.error_type !== expectation.error_type)
      return failure(
        `expected ${expectation.error_type}, got ${run.error_type}`,
        expectation.error_type,
        run.error_type,
      );
    if (expectation.message_contains && !(run.error ?? "").includes(expectation.message_contains))
      return failure(
        `error message lacks ${JSON.stringify(expectation.message_contains)}`,
        expectation.message_contains,
        run.error,
      );
    return null;
  }
  if (run.outcome !== "ok")
    return failure(`the call did not return a result (${run.outcome})`, "a result", {
      error_type: run.error_type,
      error: run.error,
    });
  switch (expectation.kind) {
    case "equals":
      return deepEqual(run.result, expectation.value) ? null : failure("result differs", expectation.value, run.result);
    case "json_path_equals": {
      const at = getPointer(run.result, expectation.pointer);
      if (!at.found) return failure(`no value at ${expectation.pointer}`, expectation.value, undefined);
      return deepEqual(at.value, expectation.value)
        ? null
        : failure(`value at ${expectation.pointer} differs`, expectation.value, at.value);
    }
    case "contains": {
      const at = getPointer(run.result, expectation.pointer);
      if (!at.found) return failure(`no value at ${expectation.pointer || "/"}`, expectation.value, undefined);
      return contains(at.value, expectation.value)
        ? null
        : failure(
            `value at ${expectation.pointer || "/"} does not contain the expected item`,
            expectation.value,
            at.value,
          );
    }
    case "matches_schema": {
      const mismatches = schemaMismatches(expectation.schema, run.result);
      return mismatches.length === 0
        ? null
        : failure(`result does not match the schema: ${mismatches.join("; ")}`, expectation.schema, run.result);
    }
  }
}
