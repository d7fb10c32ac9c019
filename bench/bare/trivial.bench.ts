/**
 * As many trivial tests as `--mode qualify` registers for BENCH_PLUGINS plugins, in the same shape: a `run`
 * suite of 8, then one suite of 6 per plugin. Every `functional` test fails with a short message, as it does on
 * the synthetic platforms (no probe specs), so Vitest's cost of reporting failures is in both figures.
 */
import { describe, test } from "vitest";

const CHECKS = ["allowlisted", "hash_ok", "enabled", "loaded", "capability_present", "functional"];
const plugins = Number(process.env.BENCH_PLUGINS ?? "0");

describe("run", () => {
  for (let i = 0; i < 8; i++) test(`run › check_${i}`, () => {});
});

for (let i = 0; i < plugins; i++) {
  const id = `synthetic.plugin_${String(i).padStart(5, "0")}`;
  describe(id, () => {
    for (const check of CHECKS)
      test(`${id} › ${check}`, () => {
        if (check === "functional") throw new Error(`${id} › functional: [fail] SPEC_MISSING no probe spec for ${id}\nfix: WRITE_PROBE_SPEC\nreplay: pnpm test:qualify -t "${id}"`);
      });
  });
}
