import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { FidelityReport } from "../../../contracts/fidelity.ts";
import { autocaptureFidelity } from "../../gather/adapters/autocapture-nx/fidelity/autocapture-fidelity.ts";
import { VariantEdit } from "../../gather/adapters/autocapture-nx/fidelity/mutation-menu.ts";
import { main } from "../../cli/main.ts";
import { SUITE_ROOT } from "../../shared/options/resolve-options.ts";
import { copyExample, EXAMPLE_PLATFORM, tempDir } from "../../../setup/testing/example-copy.ts";
import { runFidelity } from "./run-fidelity.ts";
import { suiteView } from "./suite-view.ts";

const env = { PATH: process.env.PATH ?? "" };

async function fidelityCommand(target: string, args: string[]) {
  const out: string[] = [];
  const file = join(tempDir("fidelity-out"), "fidelity.json");
  const code = await main(["fidelity", ...args, "--out", file], {
    out: (l) => out.push(l),
    err: () => {},
    env: { ...env, QUALIFY_TARGET: target },
    cwd: SUITE_ROOT,
  });
  return { code, out, report: FidelityReport.parse(JSON.parse(readFileSync(file, "utf8"))) };
}

describe("qualify fidelity", () => {
  test("the example platform: 30 seeded variants over the whole mutation menu, every verdict as the platform's own code says", async () => {
    const { code, out, report } = await fidelityCommand(EXAMPLE_PLATFORM, ["--seeds", "30"]);
    expect(report.variants.filter((v) => v.error !== null).map((v) => `${v.seed}: ${v.error}`)).toEqual([]);
    expect(
      report.variants.flatMap((v) =>
        v.disagreements.map(
          (d) => `seed ${v.seed}: ${d.plugin_id} › ${d.check}: suite ${d.suite}, platform ${d.platform}`,
        ),
      ),
    ).toEqual([]);
    expect(code).toBe(0);
    // Not vacuous: the seeds reach most of the menu, and every plugin check was compared.
    expect(new Set(report.variants.flatMap((v) => v.mutations.map((m) => m.kind))).size).toBeGreaterThanOrEqual(18);
    for (const check of ["allowlisted", "hash_ok", "enabled", "loaded", "capability_present"])
      expect(report.summary.by_check[check]?.compared).toBeGreaterThan(300);
    expect(out[0]).toMatch(
      /^fidelity: 30 variant\(s\) of .*, \d+ comparisons, 0 disagreement\(s\), 0 variant\(s\) in error/,
    );
  }, 240_000);

  test("the same seeds give the same variants and the same findings (only the run section differs)", async () => {
    const a = await fidelityCommand(EXAMPLE_PLATFORM, ["--seeds", "3", "--seed", "29"]);
    const b = await fidelityCommand(EXAMPLE_PLATFORM, ["--seeds", "3", "--seed", "29"]);
    expect({ ...a.report, run: null }).toEqual({ ...b.report, run: null });
  }, 120_000);

  test("a planted deviation is caught: a platform whose registry ignores compat.requires_kernel, against the suite that models it", async () => {
    const { root } = copyExample();
    const registry = join(root, "autocapture_nx/plugin_system/registry.py");
    const source = readFileSync(registry, "utf8");
    const planted = source.replace(
      /( {4}def _check_compat\(self, manifest: dict\[str, Any\]\) -> None:\n)/,
      "$1        return\n",
    );
    expect(planted).not.toBe(source);
    writeFileSync(registry, planted);
    const port = autocaptureFidelity({ python: "python3", timeoutMs: 60_000 });
    const report = await runFidelity({
      target: root,
      seeds: [1],
      port: {
        ...port,
        async mutate(variant) {
          const edit = new VariantEdit(variant);
          const manifest = edit.manifests.get("builtin.journal.basic")!.value;
          manifest.compat = { ...manifest.compat, requires_kernel: ">=99.0.0" };
          // Not enforcing the lock keeps the manifest edit from failing the load on its hash.
          edit.config.plugins.locks.enforce = false;
          edit.save();
          return [
            {
              kind: "compat_kernel",
              plugin_id: "builtin.journal.basic",
              file: edit.manifests.get("builtin.journal.basic")!.rel,
              detail: "compat.requires_kernel = >=99.0.0",
            },
          ];
        },
      },
      judge: (variant) => suiteView(variant, env),
    });
    expect(report.variants[0]!.error).toBeNull();
    const found = report.variants[0]!.disagreements.map(
      (d) => `${d.plugin_id} › ${d.check}: suite ${d.suite}, platform ${d.platform}`,
    );
    expect(found).toContain("builtin.journal.basic › loaded: suite fail:MANIFEST_COMPAT, platform pass");
    expect(report.summary.disagreements).toBeGreaterThan(0);
  }, 120_000);
});
