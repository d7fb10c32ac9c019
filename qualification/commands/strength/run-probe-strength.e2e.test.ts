import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { StrengthReport } from "../../../contracts/probe-strength.ts";
import { copyExample, tempDir } from "../../../setup/testing/example-copy.ts";
import { runProbeStrength } from "./run-probe-strength.ts";

/**
 * `qualify probe strength` on the example: the shipped spec of the time parser (exact values) against a weak
 * one that only asks for "an object" — the same seeded mutants of the plugin, in copies of the target.
 */
const PLUGIN = "builtin.time.intent_parser";
const strength = (probes: string, jobs = 1) =>
  runProbeStrength({
    env: { PATH: process.env.PATH ?? "", QUALIFY_PROBES: probes, QUALIFY_EXAMPLE_SERVICES: "off" },
    pluginIds: [PLUGIN],
    budget: 5,
    seed: 1,
    jobs,
  });

describe("probe strength", () => {
  test("a spec that states the contract catches mutants a spec that only checks the shape lets survive, and says which", async () => {
    const strong = copyExample({ probes: true });
    const weakDir = join(tempDir("weak-probes"), "probes");
    mkdirSync(weakDir, { recursive: true });
    writeFileSync(
      join(weakDir, `${PLUGIN}.json`),
      JSON.stringify({
        plugin_id: PLUGIN,
        spec_version: "1.0.0",
        tier: "non_service",
        steps: [
          {
            id: "any",
            capability: "time.intent_parser",
            method: "parse",
            input: { text: "what did I do yesterday 3pm", reference_time: "2026-02-10T12:00:00Z" },
            expect: [{ kind: "matches_schema", schema: { type: "object" } }],
            timeout_ms: 20_000,
          },
        ],
      }),
    );
    const [good, poor] = [
      StrengthReport.parse(await strength(strong.probes, 2)),
      StrengthReport.parse(await strength(weakDir)),
    ];
    const [g, p] = [good.plugins[0]!, poor.plugins[0]!];
    expect(g.baseline.status).toBe("pass");
    expect(p.baseline.status).toBe("pass");
    // Each picks its budget among the sites its own calls run (the weak spec's one call reaches fewer lines).
    expect([g.mutants.length, p.mutants.length]).toEqual([5, 5]);
    expect(p.covered_sites!).toBeLessThanOrEqual(g.covered_sites!);
    expect(g.sites).toBeGreaterThan(20);
    // Mutants are picked among the sites the spec's calls run; some of the plugin's code is never reached by them.
    expect(g.coverage_error).toBeNull();
    expect(g.covered_sites).toBeGreaterThan(5);
    expect(g.covered_sites!).toBeLessThan(g.sites);
    expect(g.summary.caught).toBeGreaterThan(p.summary.caught);
    expect(p.summary.survived).toBeGreaterThan(0);
    expect(
      p.mutants
        .filter((m) => m.outcome === "survived")
        .every((m) => m.verdict.status === "pass" && m.verdict.check === "functional"),
    ).toBe(true);
    expect(g.mutants.filter((m) => m.outcome === "caught").every((m) => m.verdict.status === "fail")).toBe(true);
  }, 240_000);
});
