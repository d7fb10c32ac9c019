import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { copyExample, EXAMPLE_PROBES, optionsFor } from "../../../setup/testing/example-copy.ts";
import { qualifyAll } from "../../session/qualify-all.ts";
import { TARGET_CATALOG } from "../../shared/options/resolve-probe-catalog.ts";

/**
 * A catalog belongs to a platform: the example's specs judge the example only. A copy of the example that calls
 * itself another project is a foreign platform with the very same plugin IDs; it gets no spec of the example's.
 */
function foreign(): string {
  const { root } = copyExample();
  const pyproject = join(root, "pyproject.toml");
  writeFileSync(
    pyproject,
    readFileSync(pyproject, "utf8").replace('name = "autocapture-nx-example"', 'name = "another-platform"'),
  );
  return root;
}

describe("which catalog judges a target", () => {
  test("a foreign platform with the example's plugin IDs gets no example spec: every functional is SPEC_MISSING, with the scaffold command", async () => {
    const root = foreign();
    const outcome = await qualifyAll(
      optionsFor(root, { QUALIFY_OUT: join(root, "..", "out") }),
      (id) => id.startsWith("builtin.time") || id.startsWith("builtin.ledger"),
    );
    const functional = [...outcome.verdicts.values()].map((v) => v.functional);
    expect(functional).toHaveLength(2);
    for (const verdict of functional) {
      expect(verdict).toMatchObject({
        status: "fail",
        reason: "SPEC_MISSING",
        remediation: { code: "WRITE_PROBE_SPEC" },
      });
      expect(verdict.detail).toContain("no probe catalog applies to project another-platform");
      expect(verdict.remediation?.command).toContain("probe scaffold");
    }
    expect(outcome.runVerdicts.probe_catalog).toMatchObject({ status: "fail", reason: "SPEC_MISSING" });
  }, 120_000);

  test("the catalog a target carries (.qualify/probes) judges it, and names itself in the evidence and in run › probe_catalog", async () => {
    const root = foreign();
    const carried = join(root, TARGET_CATALOG);
    mkdirSync(carried, { recursive: true });
    cpSync(join(EXAMPLE_PROBES, "builtin.time.intent_parser.json"), join(carried, "builtin.time.intent_parser.json"));
    cpSync(join(EXAMPLE_PROBES, "capability-contracts"), join(carried, "capability-contracts"), { recursive: true });
    const outcome = await qualifyAll(
      optionsFor(root, { QUALIFY_OUT: join(root, "..", "out") }),
      (id) => id === "builtin.time.intent_parser" || id === "builtin.ledger.basic",
    );
    expect(outcome.verdicts.get("builtin.time.intent_parser")?.functional).toMatchObject({
      status: "pass",
      detail: expect.stringContaining(`spec ${TARGET_CATALOG}/builtin.time.intent_parser.json`),
    });
    expect(outcome.verdicts.get("builtin.ledger.basic")?.functional).toMatchObject({
      status: "fail",
      reason: "SPEC_MISSING",
      detail: expect.stringContaining(`${TARGET_CATALOG}/builtin.ledger.basic.json`),
    });
    expect(outcome.runVerdicts.probe_catalog).toMatchObject({
      status: "pass",
      detail: expect.stringContaining(`target: the target carries its own catalog in ${TARGET_CATALOG}`),
    });
  }, 120_000);
});
