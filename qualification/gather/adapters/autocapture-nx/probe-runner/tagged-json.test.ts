import { execFileSync } from "node:child_process";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { ProbeStep, PythonValue } from "../../../../../contracts/probe-spec.ts";

const RUNNER_DIR = dirname(fileURLToPath(import.meta.url));

/** `decode` then `encode` in the runner's own Python, for a batch of values at once. */
function roundTrip(values: unknown[]): unknown[] {
  const script = `import json, sys\nsys.path.insert(0, ${JSON.stringify(RUNNER_DIR)})\nimport tagged_json\nprint(json.dumps([tagged_json.encode(tagged_json.decode(v)) for v in json.load(sys.stdin)]))`;
  return JSON.parse(
    execFileSync("python3", ["-c", script], {
      input: JSON.stringify(values),
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1" },
    }).toString(),
  ) as unknown[];
}

const iso = fc
  .date({ min: new Date("1970-01-02T00:00:00Z"), max: new Date("2100-01-01T00:00:00Z"), noInvalidDate: true })
  .map((d) =>
    d
      .toISOString()
      .replace(/\.000Z$/, "+00:00")
      .replace(/\.(\d{3})Z$/, ".$1000+00:00"),
  );
const scalar = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null));
/** Values the decoder turns into Python objects whose encoding is exactly this (canonical forms only). */
const tagged = fc.letrec<{ value: unknown; tag: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    scalar,
    tie("tag"),
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(
      fc.string().filter((k) => k !== "$py"),
      tie("value"),
      { maxKeys: 3 },
    ),
  ),
  tag: fc.oneof(
    iso.map((s) => ({ $py: "datetime", iso: s })),
    fc.uint8Array({ maxLength: 16 }).map((b) => ({ $py: "bytes", base64: Buffer.from(b).toString("base64") })),
    fc.stringMatching(/^[a-z]{1,5}(\/[a-z]{1,5}){0,2}$/).map((p) => ({ $py: "path", path: p })),
    fc.array(tie("value"), { maxLength: 3 }).map((items) => ({ $py: "tuple", items })),
    fc
      .uniqueArray(fc.integer({ min: -50, max: 50 }), { maxLength: 4 })
      .map((xs) => ({ $py: "set", items: [...xs].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))) })),
    fc.constantFrom("nan", "inf", "-inf").map((v) => ({ $py: "float", value: v })),
    fc.integer({ min: 0, max: 10 ** 6 }).map((n) => ({ $py: "timedelta", seconds: n, microseconds: 0 })),
    fc.uuid().map((u) => ({ $py: "uuid", value: u })),
  ),
}));

describe("tagged JSON: the runner decodes exactly what the spec schema accepts, and encodes it back unchanged", () => {
  test("property: decode ∘ encode is the identity on canonical tagged values, and every one is a valid spec input", () => {
    fc.assert(
      fc.property(fc.array(tagged.value, { minLength: 1, maxLength: 20 }), (values) => {
        for (const value of values)
          expect(
            ProbeStep.safeParse({
              id: "s",
              capability: "c",
              method: "m",
              input: value,
              expect: [{ kind: "equals", value }],
              timeout_ms: 1000,
            }).success,
          ).toBe(true);
        expect(roundTrip(values)).toEqual(values);
      }),
      { seed: 20261202, numRuns: 12 },
    );
  });

  test("a dataclass result names its type and fields; a dict with non-string keys becomes sorted pairs; an unknown object its type only", () => {
    const script = `import json, sys, dataclasses, decimal\nsys.path.insert(0, ${JSON.stringify(RUNNER_DIR)})\nimport tagged_json\n@dataclasses.dataclass\nclass W:\n    a: int\n    b: tuple\nclass Opaque: pass\nprint(json.dumps([tagged_json.encode(W(1, (2,))), tagged_json.encode({2: "b", 1: "a"}), tagged_json.encode(Opaque()), tagged_json.encode(decimal.Decimal("1.10")), tagged_json.encode({"$py": "x"})]))`;
    const out = JSON.parse(
      execFileSync("python3", ["-c", script], { env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1" } }).toString(),
    ) as unknown[];
    expect(out).toEqual([
      { $py: "dataclass", type: "__main__.W", fields: { a: 1, b: { $py: "tuple", items: [2] } } },
      {
        $py: "dict",
        items: [
          [1, "a"],
          [2, "b"],
        ],
      },
      { $py: "object", type: "__main__.Opaque" },
      { $py: "decimal", value: "1.10" },
      { $py: "dict", items: [["$py", "x"]] },
    ]);
    for (const value of out) expect(PythonValue.safeParse(value).success).toBe(true);
  });
});
