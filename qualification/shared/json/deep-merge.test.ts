import { expect, test } from "vitest";
import { PyFloat } from "./python-value.ts";
import { deepMerge } from "./deep-merge.ts";

test("objects merge recursively while arrays are replaced, so a one-entry user allowlist shrinks the allowlist", () => {
  const defaults = { plugins: { allowlist: ["a", "b", "c"], enabled: { a: true, b: true }, locks: { enforce: true } } };
  const user = { plugins: { allowlist: ["a"], enabled: { b: false } } };
  expect(deepMerge(defaults, user)).toEqual({
    plugins: { allowlist: ["a"], enabled: { a: true, b: false }, locks: { enforce: true } },
  });
});

test("a scalar overrides an object and vice versa", () => {
  expect(deepMerge({ a: { b: 1 } }, { a: 2 })).toEqual({ a: 2 });
  expect(deepMerge({ a: 2 }, { a: { b: 1 } })).toEqual({ a: { b: 1 } });
});

test("a boxed Python float is a value: the override replaces it, it is never merged as an object", () => {
  expect(deepMerge({ a: new PyFloat(1) }, { a: new PyFloat(2) })).toEqual({ a: new PyFloat(2) });
  expect((deepMerge({ a: new PyFloat(1) }, { a: new PyFloat(2) }) as { a: unknown }).a).toBeInstanceOf(PyFloat);
});
