import fc from "fast-check";
import { expect, test } from "vitest";
import { shardOf } from "./shard-of.ts";

test("every plugin lands in exactly one shard in 1..n, whatever else is in the inventory", () => {
  fc.assert(
    fc.property(
      fc.uniqueArray(fc.string({ minLength: 1 }), { minLength: 1, maxLength: 50 }),
      fc.integer({ min: 1, max: 8 }),
      fc.string({ minLength: 1 }),
      (ids, n, added) => {
        const before = ids.map((id) => shardOf(id, n));
        for (const s of before) expect(s >= 1 && s <= n).toBe(true);
        // Adding one plugin moves nobody else.
        const after = [...ids, added].map((id) => shardOf(id, n));
        expect(after.slice(0, ids.length)).toEqual(before);
      },
    ),
  );
});

test("shards are reasonably balanced over realistic IDs", () => {
  const counts = [0, 0, 0];
  for (let i = 0; i < 3000; i++) counts[shardOf(`builtin.synthetic.plugin_${i}`, 3) - 1]! += 1;
  for (const c of counts) expect(c).toBeGreaterThan(850);
});
