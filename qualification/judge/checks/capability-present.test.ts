import { describe, expect, test } from "vitest";
import type { PluginEvidence, RunEvidence } from "../../../contracts/evidence.ts";
import type { Verdict } from "../../../contracts/verdict.ts";
import { SAMPLE_EVIDENCE } from "../../outputs/proof/testing/sample-run.ts";
import { judgeCapabilityPresent } from "./capability-present.ts";

/** The cross-check rules on recorded evidence; capability-present.e2e.test.ts drives the real platform. */
const LOADED: Verdict = { status: "pass", reason: null, detail: "loaded" };
const ALPHA = SAMPLE_EVIDENCE.plugins.find((p) => p.plugin_id === "builtin.alpha")!;
const KIND = "builtin.alpha.kind";
const judge = (plugin: Partial<PluginEvidence> = {}, run: Partial<RunEvidence> = {}) =>
  judgeCapabilityPresent({ ...ALPHA, ...plugin }, { ...SAMPLE_EVIDENCE, ...run }, LOADED);
const listWith = (
  json: unknown,
  fault: RunEvidence["commands"]["plugins_list"]["fault"] = null,
): Partial<RunEvidence> => ({
  commands: { ...SAMPLE_EVIDENCE.commands, plugins_list: { ...SAMPLE_EVIDENCE.commands.plugins_list, json, fault } },
});
const LISTED = listWith({ plugins: [] });

describe("judgeCapabilityPresent: plugins list × manifest × load-report × capabilities()", () => {
  test("all sources agree → pass, saying the list agreed", () => {
    expect(judge({}, LISTED)).toEqual({
      status: "pass",
      reason: null,
      detail: `all declared capabilities present: ${KIND}; plugins list agrees`,
    });
  });

  test("plugins list shows other capabilities than the manifest → fail with both sets", () => {
    const row = { ...ALPHA.platform_list_row!, kinds: ["other.kind"] };
    expect(judge({ platform_list_row: row }, LISTED)).toMatchObject({
      status: "fail",
      reason: "CAPABILITY_MISSING",
      expected: [KIND],
      actual: ["other.kind"],
    });
  });

  test("a loaded plugin that plugins list does not show → fail", () => {
    expect(judge({ platform_list_row: null }, LISTED)).toMatchObject({
      status: "fail",
      reason: "CAPABILITY_MISSING",
      actual: null,
    });
  });

  test("an unusable plugins list is the platform_cli run check's failure: each plugin is judged from the other sources and says the list was not compared", () => {
    const unusable = `all declared capabilities present: ${KIND}; plugins list unusable (see run › platform_cli), not compared`;
    expect(judge({ platform_list_row: null }, listWith({ unexpected: true }))).toEqual({
      status: "pass",
      reason: null,
      detail: unusable,
    });
    const fault = { code: "CLI_TIMEOUT" as const, detail: "plugins list did not finish", file: null, issues: [] };
    expect(judge({ platform_list_row: null }, listWith(null, fault))).toEqual({
      status: "pass",
      reason: null,
      detail: unusable,
    });
    // The other sources still decide: unregistered stays a failure without the list.
    expect(
      judge({}, { ...listWith(null, fault), load_report: { ok: true, error: null, capabilities: [] } }),
    ).toMatchObject({ status: "fail", reason: "CAPABILITY_MISSING" });
  });

  test("older platform revisions list rows without capabilities: not compared, and the pass says so", () => {
    const row = { ...ALPHA.platform_list_row!, kinds: [], provides: [] };
    expect(judge({ platform_list_row: row }, LISTED).detail).toBe(
      `all declared capabilities present: ${KIND}; plugins list rows carry no capabilities (older platform revision), not compared`,
    );
  });

  test("declared but not registered by the load-report, or not usable at runtime → fail CAPABILITY_MISSING", () => {
    expect(judge({}, { ...LISTED, load_report: { ok: true, error: null, capabilities: [] } })).toMatchObject({
      status: "fail",
      reason: "CAPABILITY_MISSING",
      expected: [KIND],
      actual: [],
    });
    expect(judge({ runtime_capabilities: [] }, LISTED)).toMatchObject({
      status: "fail",
      reason: "CAPABILITY_MISSING",
      expected: [KIND],
      actual: [],
    });
  });

  test("a runtime listing that timed out is infra_error, and a plugin that did not load is UPSTREAM_CHECK_FAILED", () => {
    const runtime_fault = {
      code: "PROBE_TIMEOUT" as const,
      detail: "listing runtime capabilities: timed out",
      file: null,
      issues: [],
    };
    expect(judge({ runtime_fault, runtime_capabilities: null }, LISTED)).toMatchObject({
      status: "infra_error",
      reason: "PROBE_TIMEOUT",
    });
    const notLoaded: Verdict = { status: "fail", reason: "LOAD_FAILED", detail: "x" };
    expect(judgeCapabilityPresent(ALPHA, SAMPLE_EVIDENCE, notLoaded)).toMatchObject({
      status: "fail",
      reason: "UPSTREAM_CHECK_FAILED",
    });
  });
  test("registered by the platform, but not from this plugin (a lazily started subprocess plugin registers what provides names): fail, naming what it does register", () => {
    const run = { ...LISTED, load_report: { ok: true, error: null, capabilities: [KIND, "other.cap"] } };
    const verdict = judge({ registered_capabilities: ["other.cap"] }, run);
    expect(verdict).toMatchObject({
      status: "fail",
      reason: "CAPABILITY_MISSING",
      expected: [KIND],
      actual: ["other.cap"],
    });
    expect(verdict.detail).toContain(`does not register ${KIND} from builtin.alpha (it registers other.cap from it`);
    expect(judge({ registered_capabilities: [KIND] }, run)).toMatchObject({ status: "pass" });
    const registration_fault = {
      code: "RUNNER_API" as const,
      detail: "the suite's listing of the registry's registrations failed",
      file: null,
      issues: [],
    };
    expect(judge({ registered_capabilities: null, registration_fault }, run)).toMatchObject({
      status: "infra_error",
      reason: "RUNNER_API",
    });
  });
});
