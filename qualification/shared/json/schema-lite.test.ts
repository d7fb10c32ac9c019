import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { EXAMPLE_PLATFORM } from "../../../setup/testing/example-copy.ts";
import { runCommand } from "../process/run-command.ts";
import { parsePythonJson } from "./python-value.ts";
import { validateSchemaLite } from "./schema-lite.ts";

const messages = (schema: Record<string, unknown>, text: string): string[] =>
  validateSchemaLite(schema, parsePythonJson(text)).map((i) => i.message);

const config = {
  type: "object",
  additionalProperties: false,
  required: ["plugins"],
  properties: {
    plugins: {
      type: "object",
      required: ["allowlist", "locks"],
      properties: {
        allowlist: { type: "array", items: { type: "string" } },
        locks: {
          type: "object",
          additionalProperties: false,
          properties: { enforce: { type: "boolean" }, lockfile: { type: "string" } },
        },
        timeout_s: { type: "integer", minimum: 1 },
      },
    },
  },
};

describe("validateSchemaLite speaks the platform validator's texts", () => {
  test("object errors name the parent path; pointers name the offending member", () => {
    expect(
      validateSchemaLite(config, { plugins: { allowlist: [], locks: { enforce: true, signature: {} } }, x: 1 }),
    ).toEqual([
      { pointer: "/plugins/locks/signature", message: "$.plugins.locks: unexpected field signature" },
      { pointer: "/x", message: "$: unexpected field x" },
    ]);
    expect(validateSchemaLite(config, { plugins: { locks: {} } })).toEqual([
      { pointer: "/plugins/allowlist", message: "$.plugins: missing required field allowlist" },
    ]);
  });

  test("type errors name Python's types; integer rejects booleans, number accepts them", () => {
    expect(
      messages(config, '{"plugins": {"allowlist": ["a", 2], "locks": {"enforce": "yes"}, "timeout_s": true}}'),
    ).toEqual([
      "$.plugins.allowlist[1]: expected string, got int",
      "$.plugins.locks.enforce: expected boolean, got str",
      "$.plugins.timeout_s: expected integer, got boolean",
    ]);
    expect(messages({ type: "number" }, "true")).toEqual([]);
    expect(messages({ type: ["string", "null"] }, "{}")).toEqual(["$: expected one of ['string', 'null'], got dict"]);
  });

  test("a float lexeme stays a float: 30.0 is not an integer, as in Python", () => {
    expect(messages(config, '{"plugins": {"allowlist": [], "locks": {}, "timeout_s": 30.0}}')).toEqual([
      "$.plugins.timeout_s: expected integer, got float",
    ]);
    expect(messages(config, '{"plugins": {"allowlist": [], "locks": {}, "timeout_s": 3e1}}')).toEqual([
      "$.plugins.timeout_s: expected integer, got float",
    ]);
    expect(messages(config, '{"plugins": {"allowlist": [], "locks": {}, "timeout_s": 0}}')).toEqual([
      "$.plugins.timeout_s: value 0 below minimum 1",
    ]);
  });

  test("enum and const quote with repr and compare with Python's ==", () => {
    expect(messages({ enum: ["a", null] }, '"it\'s"')).toEqual([`$: value "it's" not in enum ['a', None]`]);
    expect(messages({ const: 1 }, "true")).toEqual([]);
    expect(messages({ const: { a: 1 } }, '{"a": 1.0}')).toEqual([]);
    expect(messages({ const: [1] }, "[2]")).toEqual(["$: value [2] does not match const [1]"]);
  });

  test("combinators, and every problem in one pass in the platform's walk order", () => {
    expect(messages({ anyOf: [{ type: "string" }, { type: "null" }] }, "1")).toEqual(["$: did not match anyOf schema"]);
    expect(messages({ oneOf: [{ type: "integer" }, { type: "number" }] }, "1")).toEqual([
      "$: expected oneOf match, got 2",
    ]);
    const issues = validateSchemaLite(
      { type: "object", required: ["z"], properties: { b: { type: "string" }, a: { type: "string" } } },
      { b: 1, a: 2 },
    );
    expect(issues.map((i) => i.message)).toEqual([
      "$: missing required field z",
      "$.b: expected string, got int",
      "$.a: expected string, got int",
    ]);
  });
});

const KEYS = ["a", "b", "x.y", "it's"];
const scalarText = fc.constantFrom(
  "0",
  "1",
  "-3",
  "2.5",
  "30.0",
  "1e2",
  "true",
  "false",
  "null",
  '"s"',
  '"it\'s"',
  '""',
  '"q\\"x"',
  '"\\u00e9\\n"',
);
const dataText: fc.Arbitrary<string> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small", withCrossShrink: true }, scalarText, tie("object"), tie("array")),
  object: fc
    .uniqueArray(fc.tuple(fc.constantFrom(...KEYS), tie("value")), { selector: ([k]) => k, maxLength: 3 })
    .map((entries) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}: ${v as string}`).join(", ")}}`),
  array: fc.array(tie("value"), { maxLength: 3 }).map((items) => `[${(items as string[]).join(", ")}]`),
})).value as fc.Arbitrary<string>;
const typeName = fc.constantFrom("object", "array", "string", "integer", "number", "boolean", "null");
const leafSchema = fc.record(
  {
    type: fc.oneof(typeName, fc.uniqueArray(typeName, { minLength: 2, maxLength: 2 })),
    minimum: fc.constantFrom(0, 1, 2.5),
    enum: fc.array(fc.constantFrom(0, 1, true, null, "s", 2.5), { minLength: 1, maxLength: 2 }),
  },
  { requiredKeys: [] },
);
const schemaArb: fc.Arbitrary<Record<string, unknown>> = fc.letrec((tie) => ({
  schema: fc.oneof({ maxDepth: 3, depthIdentifier: "schema" }, leafSchema, tie("node")),
  node: fc.record(
    {
      type: fc.constantFrom("object", "array", undefined),
      properties: fc.dictionary(fc.constantFrom(...KEYS), tie("schema"), { maxKeys: 2 }),
      required: fc.uniqueArray(fc.constantFrom(...KEYS), { maxLength: 2 }),
      additionalProperties: fc.oneof(fc.constant(false), fc.constant(true), tie("schema")),
      items: tie("schema"),
      anyOf: fc.array(tie("schema"), { minLength: 1, maxLength: 2 }),
      oneOf: fc.array(tie("schema"), { minLength: 1, maxLength: 2 }),
      allOf: fc.array(tie("schema"), { minLength: 1, maxLength: 2 }),
      const: fc.constantFrom(1, "s", null),
    },
    { requiredKeys: [] },
  ),
})).schema as fc.Arbitrary<Record<string, unknown>>;

const PYTHON_BATCH = `
import json, sys
from autocapture_nx.kernel.schema_lite import SchemaLiteValidator
out = []
for case in json.load(sys.stdin):
    data = json.loads(case["data"])
    out.append({"errors": SchemaLiteValidator(case["schema"]).errors(data)})
print(json.dumps(out))
`;

test("property: the TS port gives the example platform's Python validator's exact error list", async () => {
  // One seeded batch through one interpreter: each case is a (schema, document text) pair.
  const cases = fc
    .sample(fc.tuple(schemaArb, dataText), { numRuns: 400, seed: 20260303 })
    .map(([schema, data]) => ({ schema, data }));
  const run = await runCommand({
    file: "python3",
    args: ["-c", PYTHON_BATCH],
    cwd: EXAMPLE_PLATFORM,
    env: { PYTHONDONTWRITEBYTECODE: "1" },
    timeoutMs: 60_000,
    input: JSON.stringify(cases),
  });
  expect(run.exitCode, run.stderr).toBe(0);
  const python = JSON.parse(run.stdout) as Array<{ errors: string[] }>;
  const mismatches = cases.filter(
    (c, i) => JSON.stringify(messages(c.schema, c.data)) !== JSON.stringify(python[i]!.errors),
  );
  expect(mismatches.slice(0, 3)).toEqual([]);
  expect(python.filter((p) => p.errors.length > 0).length).toBeGreaterThan(100);
});
