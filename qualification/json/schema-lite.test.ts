import { describe, expect, test } from "vitest";
import { validateSchemaLite } from "./schema-lite.ts";

const schema = {
  type: "object",
  additionalProperties: false,
  required: ["plugin_id", "enabled", "count"],
  properties: {
    plugin_id: { type: "string", pattern: "^never$" },
    enabled: { type: "boolean" },
    count: { type: "integer", minimum: 0 },
    ratio: { type: "number" },
    tags: { type: "array", items: { type: "string" } },
  },
};

describe("validateSchemaLite", () => {
  test("uses the platform's texts for missing and unexpected fields, with JSON pointers", () => {
    const issues = validateSchemaLite(schema, { plugin_id: "x", count: 1, extra: true });
    expect(issues).toEqual([
      { pointer: "", message: "$: missing required field enabled" },
      { pointer: "/extra", message: "$.extra: unexpected field extra" },
    ]);
  });

  test("copies the quirks: integer rejects booleans, number accepts them, pattern is ignored", () => {
    expect(validateSchemaLite(schema, { plugin_id: "anything", enabled: true, count: true })).toEqual([
      { pointer: "/count", message: "$.count: expected integer" },
    ]);
    expect(validateSchemaLite(schema, { plugin_id: "anything", enabled: true, count: 0, ratio: false })).toEqual([]);
  });

  test("reports every problem in one pass, including inside arrays", () => {
    const issues = validateSchemaLite(schema, { plugin_id: 1, enabled: "yes", count: -1, tags: ["a", 2] });
    expect(issues.map((issue) => issue.pointer)).toEqual(["/count", "/enabled", "/plugin_id", "/tags/1"]);
  });
});
