/**
 * As many trivial tests as `--mode qualify` registers for BENCH_PLUGINS plugins, in the same shape: a `run`
 * suite of the run checks, then one suite of the plugin checks per plugin (the IDs the check table is keyed by;
 * the IDs, not the table, so the baseline loads no judge). Every `functional` test fails with a short message,
 * as it does on the synthetic platforms (no probe specs), so Vitest's cost of reporting failures is in both figures.
 */
import { describe, test } from "vitest";
import { CHECK_IDS, RUN_CHECK_IDS } from "../../contracts/reason-codes.ts";

const plugins = Number(process.env.BENCH_PLUGINS ?? "0");

describe("run", () => {
  for (const check of RUN_CHECK_IDS) test(`run › ${check}`, () => {});
});

for (let i = 0; i < plugins; i++) {
  const id = `synthetic.plugin_${String(i).padStart(5, "0")}`;
  describe(id, () => {
    for (const check of CHECK_IDS)
      test(`${id} › ${check}`, () => {
        if (check === "functional")
          throw new Error(
            `${id} › functional: [fail] SPEC_MISSING no probe spec for ${id}\nfix: WRITE_PROBE_SPEC\nreplay: pnpm test:qualify -t "${id}"`,
          );
      });
  });
}
