import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { ProbeEvidence } from "../../../contracts/probe-spec.ts";
import {
  copyExample,
  EXAMPLE_PLATFORM,
  EXAMPLE_PROBES,
  optionsFor,
  tempDir,
} from "../../../setup/testing/example-copy.ts";
import { qualifyAll, type QualificationOutcome } from "../../session/qualify-all.ts";
import { deadLocalUrl } from "../../../fixtures/services/listen.ts";
import { startExampleServices, type ExampleServices } from "../../../fixtures/services/start-example-services.ts";
import { findOrphanSpecs } from "../../gather/probe/find-orphan-specs.ts";
import { catalogPluginIds } from "../../gather/probe/load-probe-spec.ts";
import { disallowPlugin, writeSpec } from "../../gather/probe/testing/fixture-plugin.ts";

/**
 * The committed catalog against the pristine example platform, with a deterministic stand-in for the port-8000
 * VLM service so the one service-backed plugin can pass too. Targets the committed example read-only; only
 * catalogs and mutated platforms are copied.
 */
const DEPRECATED = "builtin.capture.basic";
let vllm: ExampleServices;
let pristine: QualificationOutcome;
let scratch: string;

const withService = (url: string): Record<string, string> => ({
  QUALIFY_SERVICE_8000_URL: url,
  AUTOCAPTURE_VLM_ROOT_URL: url,
});
const cells = (outcome: QualificationOutcome): Map<string, string> =>
  new Map(
    [...outcome.verdicts].flatMap(([id, checks]) =>
      Object.entries(checks).map(([check, v]) => [`${id} › ${check}`, `${v.status}/${v.reason ?? ""}`] as const),
    ),
  );

beforeAll(async () => {
  vllm = await startExampleServices({ start: ["service_8000"] });
  // tempDir() is per test; the run shared by this file's tests needs its own scratch dir.
  scratch = mkdtempSync(join(tmpdir(), "catalog-e2e-"));
  pristine = await qualifyAll(
    optionsFor(EXAMPLE_PLATFORM, {
      QUALIFY_PROBES: EXAMPLE_PROBES,
      QUALIFY_OUT: join(scratch, "out"),
      ...withService(vllm.urls.service_8000),
    }),
  );
}, 300_000);
afterAll(async () => {
  await vllm?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe("the example catalog on the pristine example platform", () => {
  test("every non-deprecated plugin passes every check, functional and capability_present included", () => {
    const notPassing = [...pristine.verdicts]
      .filter(([id]) => id !== DEPRECATED)
      .flatMap(([id, checks]) =>
        Object.entries(checks)
          .filter(([, v]) => v.status !== "pass")
          .map(([check, v]) => `${id} › ${check}: ${v.status} ${v.reason} ${v.detail}`),
      );
    expect(notPassing).toEqual([]);
    expect(pristine.verdicts.size).toBe(16);
    expect(pristine.verdicts.get(DEPRECATED)?.functional).toMatchObject({
      status: "not_applicable",
      reason: "DEPRECATED_REMOVED",
    });
  });

  test("the outputs record each spec's version and sha256 (over the spec and the contracts it includes)", () => {
    const sha = (bytes: Buffer | string) => createHash("sha256").update(bytes).digest("hex");
    const ledger = pristine.evidence.plugins.find((p) => p.plugin_id === "builtin.ledger.basic")
      ?.probe as ProbeEvidence;
    const digest = sha(
      `${sha(readFileSync(join(EXAMPLE_PROBES, "builtin.ledger.basic.json")))}\n${sha(readFileSync(join(EXAMPLE_PROBES, "capability-contracts/ledger.writer.json")))}`,
    );
    expect(ledger.spec).toEqual({
      file: "autocapture-nx-example/builtin.ledger.basic.json",
      sha256: digest,
      spec_version: "1.0.0",
      tier: "non_service",
      requires_service: null,
    });
    expect(pristine.verdicts.get("builtin.ledger.basic")?.functional.detail).toContain(
      `(spec autocapture-nx-example/builtin.ledger.basic.json v1.0.0 sha256:${digest})`,
    );
    const recorded = pristine.evidence.plugins.filter((p) => (p.probe as ProbeEvidence | null)?.spec).length;
    expect(recorded).toBe(15);
  });

  test("state layer: state.retrieval ranks fixture-corpus records (evidence of the real hits, not just a pass)", () => {
    const probe = pristine.evidence.plugins.find((p) => p.plugin_id === "builtin.state.retrieval")
      ?.probe as ProbeEvidence;
    const step = probe.steps.find((s) => s.id === "ranked_corpus_hits");
    const hits = (step?.runs[0]?.result as { hits: Array<{ record_id: string; score: number }> }).hits;
    expect(hits.map((h) => [h.record_id, h.score])).toEqual([
      ["run_fixture/derived.text.vlm/0003", 0.424264],
      ["run_fixture/derived.sst.state/0005", 0.158114],
    ]);
  });

  test("deleting one spec fails exactly that plugin's functional with SPEC_MISSING; nothing else changes", async () => {
    const probes = join(tempDir("catalog"), "probes");
    cpSync(EXAMPLE_PROBES, probes, { recursive: true });
    rmSync(join(probes, "builtin.ledger.basic.json"));
    const without = await qualifyAll(
      optionsFor(EXAMPLE_PLATFORM, {
        QUALIFY_PROBES: probes,
        QUALIFY_OUT: join(probes, "..", "out"),
        ...withService(vllm.urls.service_8000),
      }),
    );
    const before = cells(pristine);
    const after = cells(without);
    const changed = [...after].filter(([cell, value]) => before.get(cell) !== value);
    expect(changed).toEqual([["builtin.ledger.basic › functional", "fail/SPEC_MISSING"]]);
    expect(after.size).toBe(before.size);
    expect(without.verdicts.get("builtin.ledger.basic")?.functional.detail).toContain(
      "probes/builtin.ledger.basic.json",
    );
  }, 300_000);
});

describe("orphan specs", () => {
  test("a spec whose plugin is not in the canonical inventory is found by findOrphanSpecs", () => {
    const probes = join(tempDir("orphan"), "probes");
    cpSync(EXAMPLE_PROBES, probes, { recursive: true });
    writeSpec(probes, "builtin.retired.plugin", {
      plugin_id: "builtin.retired.plugin",
      spec_version: "1.0.0",
      tier: "non_service",
      include: ["ledger.writer"],
    });
    const canonical = pristine.inventory.plugins.map((p) => p.plugin_id);
    expect(findOrphanSpecs(catalogPluginIds(probes), canonical)).toEqual(["builtin.retired.plugin"]);
    expect(findOrphanSpecs(catalogPluginIds(EXAMPLE_PROBES), canonical)).toEqual([]);
  });

  test("an orphan spec is reported by the run check `run › probe_catalog` (final.json run_checks), without failing the run", async () => {
    const probes = join(tempDir("orphan"), "probes");
    cpSync(EXAMPLE_PROBES, probes, { recursive: true });
    writeSpec(probes, "builtin.retired.plugin", {
      plugin_id: "builtin.retired.plugin",
      spec_version: "1.0.0",
      tier: "non_service",
      include: ["ledger.writer"],
    });
    const outcome = await qualifyAll(
      optionsFor(EXAMPLE_PLATFORM, { QUALIFY_PROBES: probes, QUALIFY_OUT: join(probes, "..", "out") }),
      () => false,
    );
    expect(outcome.runVerdicts.probe_catalog).toMatchObject({ status: "pass", actual: ["builtin.retired.plugin"] });
    expect(outcome.runVerdicts.probe_catalog.detail).toBe(
      "catalog autocapture-nx-example v1.0.0 (env: QUALIFY_PROBES names the directory probes): 16 spec(s); 1 orphan spec(s) match no canonical plugin: builtin.retired.plugin",
    );
    expect(pristine.runVerdicts.probe_catalog).toMatchObject({
      status: "pass",
      detail:
        "catalog autocapture-nx-example v1.0.0 (env: QUALIFY_PROBES names the directory autocapture-nx-example): 15 spec(s), each matching a canonical plugin",
    });
  });
});

describe("what a green run does without the VLM service", () => {
  test("the VLM plugin is infra_error DEPENDENCY_DOWN naming service_8000, after its non-network steps passed", async () => {
    const down = await deadLocalUrl();
    const outcome = await qualifyAll(
      optionsFor(EXAMPLE_PLATFORM, {
        QUALIFY_PROBES: EXAMPLE_PROBES,
        QUALIFY_OUT: join(tempDir("vlm"), "out"),
        ...withService(down),
      }),
      (id) => id === "builtin.vlm.vllm_localhost",
    );
    const functional = outcome.verdicts.get("builtin.vlm.vllm_localhost")?.functional;
    expect(functional).toMatchObject({ status: "infra_error", reason: "DEPENDENCY_DOWN" });
    expect(functional?.detail).toMatch(
      /^service_8000 is down .*; step\(s\) extract_completion need it and were not run; 2 other step\(s\) passed/,
    );
  }, 120_000);
});

describe("a missing retrieval.strategy", () => {
  test("fails the answer path with CAPABILITY_MISSING instead of producing an empty answer", async () => {
    const copy = copyExample();
    disallowPlugin(copy.root, "builtin.retrieval.basic");
    const outcome = await qualifyAll(
      optionsFor(copy.root, { QUALIFY_PROBES: EXAMPLE_PROBES, QUALIFY_OUT: copy.out }),
      (id) => id === "builtin.answer.basic",
    );
    const functional = outcome.verdicts.get("builtin.answer.basic")?.functional;
    expect(functional).toMatchObject({
      status: "fail",
      reason: "CAPABILITY_MISSING",
      platform_error: "PluginError: Missing capability: retrieval.strategy",
    });
    expect(functional?.detail).toContain("step path.retrieve (registry retrieval.strategy.search, spec)");
    // The answer step never ran on an empty hit list, so no `no_evidence` answer can stand in for the failure.
    const probe = outcome.evidence.plugins.find((p) => p.plugin_id === "builtin.answer.basic")?.probe as ProbeEvidence;
    expect(probe.steps.find((s) => s.id === "path.answer")?.not_run?.reason).toBe("input_unbound");
  }, 120_000);
});
