import { expect, test } from "vitest";
import type { ProbeRun } from "../../../contracts/probe-spec.ts";
import type { ResolvedStep } from "./load-probe-spec.ts";
import { resolveStepInput } from "./resolve-step-input.ts";

const step = (input: unknown, input_from?: ResolvedStep["input_from"]): ResolvedStep => ({
  id: "answer",
  capability: "answer.builder",
  method: "build",
  input,
  ...(input_from ? { input_from } : {}),
  expect: [{ kind: "equals", value: null }],
  timeout_ms: 1000,
  source: "spec",
  pointer: "/steps/1",
});
const runs = new Map<string, ProbeRun>([
  ["retrieve", { outcome: "ok", result: { hits: [{ record_id: "r1" }], total: 1 } }],
  ["broken", { outcome: "error", error_type: "PluginError", error: "Missing capability: x" }],
]);

test("fills bound fields from the source step's first result and keeps the literal ones", () => {
  expect(
    resolveStepInput(step({ query: "q", hits: "overridden" }, { hits: { step: "retrieve", pointer: "/hits" } }), runs),
  ).toEqual({ ok: true, input: { query: "q", hits: [{ record_id: "r1" }] } });
  expect(resolveStepInput(step(null, { whole: { step: "retrieve", pointer: "" } }), runs)).toEqual({
    ok: true,
    input: { whole: { hits: [{ record_id: "r1" }], total: 1 } },
  });
  expect(resolveStepInput(step({ a: 1 }), runs)).toEqual({ ok: true, input: { a: 1 } });
});

test("a source without a result, or a pointer that finds nothing, leaves the step unbound with the reason", () => {
  expect(resolveStepInput(step({}, { hits: { step: "broken", pointer: "/hits" } }), runs)).toEqual({
    ok: false,
    detail: "input_from.hits: step broken returned no result (error)",
  });
  expect(resolveStepInput(step({}, { hits: { step: "retrieve", pointer: "/hitz" } }), runs)).toEqual({
    ok: false,
    detail: 'input_from.hits: step retrieve\'s result has no value at "/hitz"',
  });
});

test("$input binds the whole input: a method the platform calls with one positional list is a path target", () => {
  expect(resolveStepInput(step(["placeholder"], { $input: { step: "retrieve", pointer: "/hits" } }), runs)).toEqual({
    ok: true,
    input: [{ record_id: "r1" }],
  });
});
