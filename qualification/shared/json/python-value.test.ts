import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { runCommand } from "../process/run-command.ts";
import { PyFloat, parsePythonJson, pythonEquals, pythonRepr, pythonTypeName } from "./python-value.ts";

describe("JSON values as Python sees them", () => {
  test("float lexemes are boxed, everything else parses as JSON.parse does", () => {
    const value = parsePythonJson('{"a": 30.0, "b": 30, "c": [1e2, -0.5], "__proto__": {"d": null}}') as Record<
      string,
      unknown
    >;
    expect(value.a).toEqual(new PyFloat(30));
    expect(value.b).toBe(30);
    expect(value.c).toEqual([new PyFloat(100), new PyFloat(-0.5)]);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(["a", "b", "c", "__proto__"]);
    expect(JSON.stringify(value)).toBe('{"a":30,"b":30,"c":[100,-0.5],"__proto__":{"d":null}}');
  });

  test("text that is not JSON gives null, never a throw", () => {
    for (const text of ["", "{", "[1,]", '{"a" 1}', "01", "1 2", "NaN", '"\u0001"'])
      expect(parsePythonJson(text), text).toBeNull();
    expect(parsePythonJson("[".repeat(100_000))).toBeNull();
  });

  test("type names and equality follow Python", () => {
    expect([null, true, 1, 2.5, new PyFloat(3), "s", [], {}].map(pythonTypeName)).toEqual([
      "NoneType",
      "bool",
      "int",
      "float",
      "float",
      "str",
      "list",
      "dict",
    ]);
    expect(pythonEquals(true, 1)).toBe(true);
    expect(pythonEquals(new PyFloat(1), 1)).toBe(true);
    expect(pythonEquals({ a: [1, null] }, { a: [true, null] })).toBe(true);
    expect(pythonEquals("1", 1)).toBe(false);
    expect(pythonEquals([1], [1, 2])).toBe(false);
  });

  test("property: parsePythonJson agrees with JSON.parse on every JSON text", () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        expect(JSON.stringify(parsePythonJson(text))).toBe(JSON.stringify(JSON.parse(text)));
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  test("property: pythonRepr of a parsed document is CPython's repr of json.loads", async () => {
    // Known limit: an integer lexeme beyond 2^53 is exact in Python and rounded in JS, so its repr differs.
    const bigInt = /(^|[^\d.eE+-])-?\d{16,}(?![\d.eE])/;
    const texts = fc
      .sample(fc.json({ depthSize: "small" }), { numRuns: 300, seed: 11 })
      .filter((t) => !bigInt.test(t))
      .concat(['"it\'s"', '"\\u0000\\u00e9\\u2028\\ud83d\\ude00\\\\"', "[30.0, 1e400, -0.0, 1e22, 1.5e-7]"]);
    const run = await runCommand({
      file: "python3",
      args: ["-c", "import json,sys; print(json.dumps([repr(json.loads(t)) for t in json.load(sys.stdin)]))"],
      cwd: process.cwd(),
      env: {},
      timeoutMs: 60_000,
      input: JSON.stringify(texts),
    });
    expect(run.exitCode, run.stderr).toBe(0);
    const python = JSON.parse(run.stdout) as string[];
    expect(texts.length).toBeGreaterThan(150);
    expect(
      texts.map((t, i) => [pythonRepr(parsePythonJson(t)), python[i]]).filter(([ours, theirs]) => ours !== theirs),
    ).toEqual([]);
  });
});
