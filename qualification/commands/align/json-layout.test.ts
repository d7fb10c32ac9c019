import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { pythonJsonDumps } from "../../shared/json/python-json-dumps.ts";
import { detectLayout, writeOrderedJson } from "./json-layout.ts";
import { parseOrderedJson, toPlain } from "../../shared/json/ordered-json.ts";

const roundTrips = (text: string): boolean => {
  const doc = parseOrderedJson(text);
  const detected = detectLayout(text, doc);
  return detected.ok && writeOrderedJson(doc, detected.layout) === text;
};

const config = fc.dictionary(
  fc.string({ minLength: 1, maxLength: 8 }),
  fc.oneof(
    fc.array(fc.string({ maxLength: 6 }), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 6 }), fc.boolean(), { maxKeys: 4 }),
    fc.integer(),
    fc.constant(null),
  ),
  { maxKeys: 6 },
);

describe("ordered JSON and layout detection", () => {
  test("JSON.stringify with any indent, with or without a final newline, CRLF or LF, writes back byte for byte", () => {
    fc.assert(
      fc.property(
        config,
        fc.constantFrom(2, 4, "\t", 0),
        fc.boolean(),
        fc.boolean(),
        (value, indent, finalNewline, crlf) => {
          let text = JSON.stringify({ plugins: value }, null, indent) + (finalNewline ? "\n" : "");
          if (crlf) text = text.replaceAll("\n", "\r\n");
          expect(roundTrips(text)).toBe(true);
        },
      ),
      { seed: 7, numRuns: 150 },
    );
  });

  test("Python json.dumps layouts (indent 2 sorted, compact default separators, ensure_ascii escapes) write back byte for byte", () => {
    fc.assert(
      fc.property(config, (value) => {
        for (const options of [
          { indent: 2, sortKeys: true },
          { indent: null },
          { indent: null, separators: [",", ":"] as const },
          { indent: 0 },
        ])
          expect(roundTrips(pythonJsonDumps({ plugins: value }, options))).toBe(true);
      }),
      { seed: 11, numRuns: 100 },
    );
  });

  test("scalars keep their source text; duplicate keys and key order survive; toPlain is JSON.parse", () => {
    const text = '{\n  "b": 1.0,\n  "10": "\\u00e9",\n  "a": [\n    1e3,\n    -0\n  ],\n  "b": 2\n}';
    const doc = parseOrderedJson(text);
    expect(roundTrips(text)).toBe(true);
    expect(toPlain(doc.root)).toEqual(JSON.parse(text));
  });

  test("a layout it cannot reproduce is reported with the line, never silently reformatted", () => {
    const text = '{\n  "plugins": {\n    "allowlist": ["a", "b"],\n    "enabled": {}\n  }\n}\n';
    const detected = detectLayout(text, parseOrderedJson(text));
    expect(detected).toMatchObject({ ok: false, line: 3, actual: '    "allowlist": ["a", "b"],' });
  });

  test("malformed JSON is a syntax error with an offset", () => {
    expect(() => parseOrderedJson('{"a": [1, 2,]}')).toThrow(/offset 12/);
    expect(() => parseOrderedJson('{"a": 1} x')).toThrow(/after the JSON value/);
  });
});
