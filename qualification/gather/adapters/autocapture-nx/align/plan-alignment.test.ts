import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { applyJsonPatch } from "../../../../shared/json/json-patch.ts";
import { parseOrderedJson, toPlain } from "../../../../shared/json/ordered-json.ts";
import { planAlignment, type AlignmentTargets } from "./plan-alignment.ts";
import { userConfigGaps } from "./user-config-gaps.ts";

const targets = (over: Partial<AlignmentTargets> = {}): AlignmentTargets => ({
  keep: ["a.one", "b.two", "c.three"],
  drop: new Map([
    ["x.phantom", "unresolved"],
    ["y.old", "deprecated"],
  ]),
  manifestEnabled: (id) => id !== "c.three",
  safeMode: false,
  ...over,
});

const applied = (plugins: Record<string, unknown>, t = targets()) => {
  const plan = planAlignment(plugins, t);
  const text = JSON.stringify({ plugins }, null, 2);
  return {
    plan,
    after: (
      toPlain(applyJsonPatch(parseOrderedJson(text), plan.patch, true).root) as { plugins: Record<string, unknown> }
    ).plugins,
  };
};

describe("planAlignment", () => {
  test("drops phantom and deprecated IDs, allowlists and enables the kept ones, in sorted positions", () => {
    const { plan, after } = applied({
      allowlist: ["a.one", "x.phantom", "y.old"],
      default_pack: ["x.phantom", "a.one"],
      enabled: { "a.one": true, "b.two": false, "y.old": true },
    });
    expect(after).toEqual({
      allowlist: ["a.one", "b.two", "c.three"],
      default_pack: ["a.one"],
      enabled: { "a.one": true, "b.two": true, "c.three": true },
    });
    expect(plan.patch).toEqual([
      { op: "remove", path: "/plugins/allowlist/2" },
      { op: "remove", path: "/plugins/allowlist/1" },
      { op: "add", path: "/plugins/allowlist/1", value: "b.two" },
      { op: "add", path: "/plugins/allowlist/2", value: "c.three" },
      { op: "remove", path: "/plugins/default_pack/0" },
      { op: "remove", path: "/plugins/enabled/y.old" },
      { op: "replace", path: "/plugins/enabled/b.two", value: true },
      { op: "add", path: "/plugins/enabled/c.three", value: true },
    ]);
    expect(plan.allowlist).toEqual({ added: ["b.two", "c.three"], removed: ["x.phantom", "y.old"] });
  });

  test("minimal: an enabled-by-manifest plugin absent from the map is left alone; an aligned config gives an empty patch", () => {
    const aligned = { allowlist: ["a.one", "b.two", "c.three"], default_pack: [], enabled: { "c.three": true } };
    expect(planAlignment(aligned, targets()).patch).toEqual([]);
  });

  test("an unsorted list is appended to; duplicates are removed; safe mode fills default_pack", () => {
    const { after } = applied(
      { allowlist: ["c.three", "a.one", "c.three"], default_pack: ["b.two"], enabled: {} },
      targets({ safeMode: true }),
    );
    expect(after.allowlist).toEqual(["c.three", "a.one", "b.two"]);
    expect(after.default_pack).toEqual(["a.one", "b.two", "c.three"]);
  });

  test("property: after the patch every goal holds and nothing outside the three keys changed", () => {
    const id = fc.constantFrom("a.one", "b.two", "c.three", "x.phantom", "y.old", "z.other");
    fc.assert(
      fc.property(
        fc.array(id, { maxLength: 8 }),
        fc.array(id, { maxLength: 5 }),
        fc.dictionary(id, fc.boolean()),
        fc.boolean(),
        (allowlist, pack, enabled, safeMode) => {
          const t = targets({ safeMode });
          const { after } = applied({ allowlist, default_pack: pack, enabled, safe_mode: safeMode }, t);
          expect(userConfigGaps({ plugins: after }, null, null, t)).toEqual([]);
          expect(after.safe_mode).toBe(safeMode);
          expect(new Set(after.allowlist as string[]).size).toBe((after.allowlist as string[]).length);
          for (const other of (after.allowlist as string[]).filter((x) => x === "z.other"))
            expect(allowlist).toContain(other);
        },
      ),
      { seed: 5, numRuns: 300 },
    );
  });
});

describe("userConfigGaps", () => {
  test("a user.json allowlist (arrays replace) or enabled=false blocks the goal and is named with its pointer", () => {
    const t = targets();
    const aligned = { plugins: { allowlist: ["a.one", "b.two", "c.three"], enabled: { "c.three": true } } };
    const user = { plugins: { allowlist: ["a.one"], enabled: { "b.two": false } } };
    expect(userConfigGaps(aligned, user, "/cfg/user.json", t).map((g) => `${g.plugin_id} ${g.pointer}`)).toEqual([
      "b.two /plugins/allowlist",
      "b.two /plugins/enabled/b.two",
      "c.three /plugins/allowlist",
    ]);
  });

  test("a miss nobody in user.json causes is a planning bug and throws", () => {
    expect(() => userConfigGaps({ plugins: { allowlist: [] } }, null, null, targets())).toThrow(/internal/);
  });
});
