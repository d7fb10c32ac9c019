import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { catalogInDir } from "../../shared/options/resolve-probe-catalog.ts";
import { tempDir } from "../../../setup/testing/example-copy.ts";
import { loadProbeSpec } from "./load-probe-spec.ts";

const step = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  capability: "cap.x",
  method: "m",
  input: {},
  expect: [{ kind: "equals", value: 1 }],
  timeout_ms: 1000,
  ...extra,
});
const spec = (steps: unknown[], extra: Record<string, unknown> = {}) => ({
  plugin_id: "p.x",
  spec_version: "1.0.0",
  tier: "non_service",
  steps,
  ...extra,
});

function catalog(files: Record<string, unknown>): string {
  const dir = join(tempDir("catalog"), "probes");
  for (const [name, body] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), typeof body === "string" ? body : JSON.stringify(body));
  }
  return dir;
}

const fault = (files: Record<string, unknown>) => {
  const loaded = loadProbeSpec(catalogInDir(catalog(files)), "p.x");
  return loaded.ok ? null : { code: loaded.code, pointer: loaded.pointer, detail: loaded.detail };
};

describe("loadProbeSpec", () => {
  test("includes come first, namespaced by capability, with their bindings; the digest covers the contracts", () => {
    const dir = catalog({
      "capability-contracts/cap.x.json": {
        capability: "cap.x",
        contract_version: "1.2.0",
        steps: [step("write"), step("check", { input_from: { anchor: { step: "write", pointer: "" } } })],
      },
      "p.x.json": spec([step("own")], { include: ["cap.x"] }),
    });
    const loaded = loadProbeSpec(catalogInDir(dir), "p.x");
    if (!loaded.ok) throw new Error(loaded.detail);
    expect(loaded.steps.map((s) => [s.id, s.source, s.pointer])).toEqual([
      ["cap.x:write", "contract:cap.x@1.2.0", "/include/0"],
      ["cap.x:check", "contract:cap.x@1.2.0", "/include/0"],
      ["own", "spec", "/steps/0"],
    ]);
    expect(loaded.steps[1]?.input_from).toEqual({ anchor: { step: "cap.x:write", pointer: "" } });
    expect(loaded.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  test("a missing spec is SPEC_MISSING and names the scaffold command", () => {
    expect(fault({})).toMatchObject({
      code: "SPEC_MISSING",
      pointer: null,
      detail: expect.stringContaining("pnpm qualify probe scaffold p.x"),
    });
  });

  test.each([
    [
      "a typo in an expectation kind",
      spec([step("a", { expect: [{ kind: "equal", value: 1 }] })]),
      "/steps/0/expect/0/kind",
    ],
    [
      "a binding to a later step",
      spec([step("a", { input_from: { x: { step: "b", pointer: "" } } }), step("b")]),
      "/steps/0/input_from/x",
    ],
    [
      "a binding to a step expected to raise",
      spec([step("a", { expect: [{ kind: "error" }] }), step("b", { input_from: { x: { step: "a", pointer: "" } } })]),
      "/steps/1/input_from/x",
    ],
    ["a gated step in a non_service spec", spec([step("a", { requires_service: true })]), "/steps/0"],
    [
      "a service_backed spec without a gated step",
      spec([step("a")], { tier: "service_backed", requires_service: "service_8000" }),
      "/steps",
    ],
    [
      "a service_backed spec without a service",
      spec([step("a", { requires_service: true })], { tier: "service_backed" }),
      "/requires_service",
    ],
    ["an include that is not a capability name", spec([step("a")], { include: ["../secrets"] }), "/include/0"],
    ["an include with no contract file", spec([step("a")], { include: ["cap.none"] }), "/include/0"],
    ["duplicate step ids", spec([step("a"), step("a")]), "/steps/1"],
  ])("%s is SPEC_INVALID at the right pointer", (_name, body, pointer) => {
    expect(fault({ "p.x.json": body })).toMatchObject({ code: "SPEC_INVALID", pointer });
  });

  test("invalid JSON and a spec named for another plugin are SPEC_INVALID too", () => {
    expect(fault({ "p.x.json": "{ nope" })).toMatchObject({ code: "SPEC_INVALID", pointer: "" });
    expect(fault({ "p.x.json": { ...spec([step("a")]), plugin_id: "p.y" } })).toMatchObject({
      code: "SPEC_INVALID",
      pointer: "/plugin_id",
    });
  });

  test("a matches_schema whose schema is not valid JSON Schema (or uses an unknown keyword) is SPEC_INVALID at its pointer", () => {
    const bad = (schema: unknown) =>
      fault({
        "p.x.json": spec([
          step("a", {
            expect: [
              { kind: "equals", value: 1 },
              { kind: "matches_schema", schema },
            ],
          }),
        ]),
      });
    expect(bad({ type: "objekt" })).toMatchObject({ code: "SPEC_INVALID", pointer: "/steps/0/expect/1/schema" });
    expect(bad({ type: "string", minLenght: 3 })?.detail).toMatch(/unknown keyword: "minLenght"/);
    expect(bad({ type: "string", minLength: 3 })).toBeNull();
  });
});
