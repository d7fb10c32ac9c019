import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { applyJsonPatch, pointerOf, type JsonPatchOp } from "./json-patch.ts";
import { parseOrderedJson, toPlain } from "./ordered-json.ts";

/** An independent, plain-object RFC 6902 applier for the three operations (the oracle). */
function applyPlain(doc: unknown, patch: readonly JsonPatchOp[]): unknown {
  const root = structuredClone(doc) as Record<string, unknown>;
  for (const op of patch) {
    const tokens = op.path
      .split("/")
      .slice(1)
      .map((t) => t.replaceAll("~1", "/").replaceAll("~0", "~"));
    const last = tokens.pop()!;
    const parent = tokens.reduce<any>((node, token) => node[token], root);
    if (Array.isArray(parent)) {
      const index = last === "-" ? parent.length : Number(last);
      if (op.op === "add") parent.splice(index, 0, op.value);
      else if (op.op === "remove") parent.splice(index, 1);
      else parent[index] = op.value;
    } else if (op.op === "remove") delete parent[last];
    else parent[last] = op.value;
  }
  return root;
}

describe("applyJsonPatch on an ordered tree", () => {
  test("agrees with a plain RFC 6902 applier on random list edits", () => {
    const ids = fc.array(fc.constantFrom("a", "b", "c", "d/e", "f~g"), { maxLength: 6 });
    fc.assert(
      fc.property(
        ids,
        fc.array(fc.tuple(fc.constantFrom("add", "remove", "replace"), fc.nat(8), fc.constantFrom("x", "y/z")), {
          maxLength: 6,
        }),
        (list, edits) => {
          const doc = { plugins: { allowlist: [...list], enabled: Object.fromEntries(list.map((id) => [id, true])) } };
          const patch: JsonPatchOp[] = [];
          let length = list.length;
          for (const [op, n, value] of edits) {
            if (op === "add")
              (patch.push({ op, path: pointerOf("plugins", "allowlist", n % (length + 1)), value }), length++);
            else if (length > 0)
              (patch.push(
                op === "remove"
                  ? { op, path: pointerOf("plugins", "allowlist", n % length) }
                  : { op, path: pointerOf("plugins", "allowlist", n % length), value },
              ),
                (length -= op === "remove" ? 1 : 0));
            patch.push({ op: "add", path: pointerOf("plugins", "enabled", value), value: n % 2 === 0 });
          }
          const text = JSON.stringify(doc, null, 2);
          expect(toPlain(applyJsonPatch(parseOrderedJson(text), patch, true).root)).toEqual(applyPlain(doc, patch));
        },
      ),
      { seed: 3, numRuns: 200 },
    );
  });

  test("a new object member goes to its sorted place when the keys are sorted, else last", () => {
    const add: JsonPatchOp = { op: "add", path: "/m", value: 1 };
    const keys = (text: string) =>
      Object.keys(toPlain(applyJsonPatch(parseOrderedJson(text), [add], true).root) as object);
    expect(keys('{"a": 0, "z": 0}')).toEqual(["a", "m", "z"]);
    expect(keys('{"z": 0, "a": 0}')).toEqual(["z", "a", "m"]);
  });

  test("a path that does not apply is a bug and throws", () => {
    expect(() => applyJsonPatch(parseOrderedJson('{"a": []}'), [{ op: "remove", path: "/a/0" }], true)).toThrow(
      /no index/,
    );
    expect(() =>
      applyJsonPatch(parseOrderedJson('{"a": {}}'), [{ op: "replace", path: "/a/x", value: 1 }], true),
    ).toThrow(/no member/);
  });
});
