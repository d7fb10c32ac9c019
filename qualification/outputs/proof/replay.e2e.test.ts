import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import type { PluginEvidence, RunEvidence } from "../../../contracts/evidence.ts";
import type { PluginInventory } from "../../../contracts/plugin-inventory.ts";
import { ProbeEvidence } from "../../../contracts/probe-spec.ts";
import { QueryRun } from "../../../contracts/query-run.ts";
import { CHECK_IDS, RUN_CHECK_IDS, type CheckId, type RunCheckId } from "../../../contracts/reason-codes.ts";
import { renderFinalReport } from "../report/render-final-report.ts";
import { resultsFromOutcome } from "../report/results-from-outcome.ts";
import { writeReportFiles } from "../../../reporters/write-report-files.ts";
import { copyExample, optionsFor } from "../../../setup/testing/example-copy.ts";
import { canonicalJson, stableJson } from "../../shared/canonical/canonical-json.ts";
import { PLUGIN_CHECKS, RUN_CHECKS } from "../../judge/checks/check-table.ts";
import { finalQueries } from "../../query/final-queries.ts";
import { QuerySession } from "../../query/query-session.ts";
import { QUERIES_FILE } from "../../query/query-output-files.ts";
import { qualifyAll } from "../../session/qualify-all.ts";
import { EVIDENCE_FILE, INVENTORY_FILE, VERDICTS_FILE } from "./bundle-layout.ts";
import { testPublicKeyText, testSigner } from "./testing/sample-bundle.ts";
import { Verdicts } from "./verify/bundle-documents.ts";
import { readBundleDir } from "./verify/read-bundle-dir.ts";
import { replayVerdicts, type RecordedRun } from "./verify/replay-verdicts.ts";
import { verifyBundle } from "./verify/verify-bundle.ts";
import { writeProofBundle } from "./write-proof-bundle.ts";

/**
 * Replay, on one recorded qualification of the example platform (plugins, run checks, query tier; services
 * down, so service-backed cases are skipped): every verdict the bundle records is judged again from the bundle
 * alone and comes out the same; and changing one recorded fact flips exactly the verdicts that rest on it —
 * for a plugin check, that check and the checks the table says depend on it — and nothing else.
 */
const RUN = {
  run_id: "replay",
  started_at: "2025-01-01T00:00:00.000Z",
  finished_at: "2025-01-01T00:00:01.000Z",
  host: "test",
  tool_version: "plugin-qualification-suite@0.1.0",
};

interface Bundle {
  readonly dir: string;
  readonly recorded: RecordedRun;
  readonly verdicts: Verdicts;
}

let bundle: Bundle;

beforeAll(async () => {
  const { root, out } = copyExample();
  const options = optionsFor(root, {
    QUALIFY_OUT: out,
    QUALIFY_QUERY_REPEAT: "1",
    QUALIFY_SERVICE_7411_URL: "http://127.0.0.1:9",
    QUALIFY_SERVICE_8000_URL: "http://127.0.0.1:9",
  });
  const [outcome, queries] = await Promise.all([qualifyAll(options), new QuerySession(options).run()]);
  writeFileSync(join(out, INVENTORY_FILE), stableJson(outcome.inventory));
  writeFileSync(join(out, EVIDENCE_FILE), stableJson(outcome.evidence));
  writeFileSync(join(out, QUERIES_FILE), stableJson(queries.run));
  const final = renderFinalReport({
    inventory: outcome.inventory,
    evidence: outcome.evidence,
    results: resultsFromOutcome(outcome),
    run: RUN,
    queries: finalQueries(queries.run, []),
  });
  writeReportFiles(out, final, null);
  const dir = writeProofBundle(out, final, {
    signer: testSigner(),
    toolVersion: RUN.tool_version,
    nodeVersion: process.version,
  });
  // From here on, only what the bundle holds.
  const files = readBundleDir(dir).files;
  const read = (name: string): unknown => JSON.parse(files.get(name)!.toString("utf8"));
  bundle = {
    dir,
    recorded: {
      inventory: read(INVENTORY_FILE) as PluginInventory,
      evidence: read(EVIDENCE_FILE) as RunEvidence,
      queries: QueryRun.parse(read(QUERIES_FILE)),
    },
    verdicts: Verdicts.parse(read(VERDICTS_FILE)),
  };
}, 600_000);

/** Every verdict as one cell per test: `<plugin> › <check>`, `run › <check>`, `query › <case>` → status:reason. */
function cells(recorded: RecordedRun): Record<string, string> {
  const replayed = replayVerdicts(recorded);
  const out: Record<string, string> = {};
  for (const [id, verdicts] of replayed.plugins)
    for (const check of CHECK_IDS)
      out[`${id} › ${check}`] = verdicts ? `${verdicts[check].status}:${verdicts[check].reason ?? ""}` : "no evidence";
  for (const check of RUN_CHECK_IDS)
    out[`run › ${check}`] = `${replayed.run[check].status}:${replayed.run[check].reason ?? ""}`;
  for (const [id, v] of replayed.queries) out[`query › ${id}`] = `${v.class}:${v.reason ?? ""}`;
  return out;
}

function flipped(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys(after)
    .filter((key) => before[key] !== after[key])
    .sort();
}

/**
 * The checks whose verdict rests on `check`'s, by the table: itself and every check that depends on it, transitively.
 */
function restingOn(check: CheckId): CheckId[] {
  const out = new Set<CheckId>([check]);
  for (const id of CHECK_IDS)
    if ((PLUGIN_CHECKS[id].dependsOn as readonly CheckId[]).some((dep) => out.has(dep))) out.add(id);
  return CHECK_IDS.filter((id) => out.has(id));
}

describe("replay of a recorded qualification of the example platform", () => {
  test("every verdict — plugin checks, run checks, query cases — is judged again from the bundle alone, equal to the recorded one", () => {
    const { recorded, verdicts } = bundle;
    const replayed = replayVerdicts(recorded);
    const compared = { plugins: 0, run: 0, queries: 0 };
    for (const plugin of verdicts.plugins) {
      const again = replayed.plugins.get(plugin.plugin_id);
      expect(again, plugin.plugin_id).toBeTruthy();
      for (const check of CHECK_IDS) {
        expect(canonicalJson(again![check]), `${plugin.plugin_id} › ${check}`).toBe(
          canonicalJson(plugin.checks[check]),
        );
        compared.plugins += 1;
      }
    }
    for (const check of RUN_CHECK_IDS) {
      expect(canonicalJson(replayed.run[check]), `run › ${check}`).toBe(canonicalJson(verdicts.run_checks[check]));
      compared.run += 1;
    }
    for (const record of recorded.queries!.cases) {
      expect(canonicalJson(replayed.queries.get(record.case_id)), `query › ${record.case_id}`).toBe(
        canonicalJson(record.verdict),
      );
      compared.queries += 1;
    }
    // Nothing was left out: every check of the table for every plugin, every run check, every case of both tiers.
    expect(compared).toEqual({
      plugins: recorded.inventory.plugins.length * CHECK_IDS.length,
      run: Object.keys(RUN_CHECKS).length,
      queries: verdicts.queries!.cases.length,
    });
    expect(new Set(recorded.queries!.cases.map((c) => c.route))).toEqual(new Set(["cli", "skipped"]));
    // verify's rejudge step is this replay, and it says so.
    const report = verifyBundle(bundle.dir, {
      publicKeyText: testPublicKeyText(),
      allowUnsigned: false,
      target: null,
      commit: null,
      cwd: "/",
    });
    const rejudge = report.steps.find((s) => s.step === "rejudge")!;
    expect(rejudge.status).toBe("pass");
    expect(rejudge.detail).toContain(`${compared.plugins} plugin verdict(s) and ${compared.run} run verdict(s)`);
    expect(rejudge.detail).toContain(`${compared.queries} query case(s)`);
  });

  /** A plugin that passes all six checks on the example and whose probe ran steps: each of its checks can flip. */
  const healthy = (): { id: string; index: number } => {
    const { recorded, verdicts } = bundle;
    const plugin = verdicts.plugins.find(
      (p) =>
        CHECK_IDS.every((c) => p.checks[c].status === "pass") &&
        (ProbeEvidence.safeParse(recorded.evidence.plugins.find((e) => e.plugin_id === p.plugin_id)?.probe).data?.steps
          .length ?? 0) > 0,
    );
    expect(plugin, "a plugin that passes every check").toBeTruthy();
    return {
      id: plugin!.plugin_id,
      index: recorded.evidence.plugins.findIndex((e) => e.plugin_id === plugin!.plugin_id),
    };
  };

  /** One recorded fact of one plugin, changed, per check: the fact that check's verdict rests on. */
  const pluginFacts: Record<CheckId, (plugin: PluginEvidence) => void> = {
    allowlisted: (p) => (p.config.allowlisted = false),
    hash_ok: (p) => (p.lock_entry!.manifest_sha256 = "0".repeat(64)),
    enabled: (p) =>
      (p.config.enablement = {
        enabled: false,
        code: "DISABLED_IN_CONFIG",
        detail: `plugins.enabled["${p.plugin_id}"] is false`,
        locations: [{ file: "config/default.json", pointer: `/plugins/enabled/${p.plugin_id}` }],
      }),
    loaded: (p) =>
      (p.platform_load = {
        status: "failed",
        errors: [{ phase: "import", error: "ImportError: changed fact", entrypoint: "plugin.py" }],
      }),
    capability_present: (p) => (p.runtime_capabilities = []),
    functional: (p) => {
      const probe = ProbeEvidence.parse(p.probe);
      const run = probe.steps[0]!.runs[1]!;
      probe.steps[0]!.runs[1] = { ...run, result: { changed: "fact" } };
      p.probe = probe;
    },
  };

  test.each(CHECK_IDS)(
    "a changed fact under %s flips that check and the checks the table rests on it, and nothing else",
    (check) => {
      const { id, index } = healthy();
      const before = cells(bundle.recorded);
      const changed = structuredClone(bundle.recorded) as { -readonly [K in keyof RecordedRun]: RecordedRun[K] };
      pluginFacts[check](changed.evidence.plugins[index]!);
      expect(flipped(before, cells(changed))).toEqual(
        restingOn(check)
          .map((c) => `${id} › ${c}`)
          .sort(),
      );
    },
  );

  /** One recorded run-level fact per run check; where other verdicts rest on the same fact, they are named. */
  const runFacts: Record<
    RunCheckId,
    {
      change: (run: { evidence: RunEvidence; inventory: PluginInventory }) => void;
      alsoResting?: (before: Record<string, string>) => string[];
    }
  > = {
    config_valid: {
      change: ({ evidence }) =>
        evidence.input_faults.push({
          code: "CONFIG_INVALID",
          detail: "required.json: not a list",
          file: "required.json",
          issues: [],
        }),
    },
    lockfile_valid: {
      change: ({ evidence }) =>
        (evidence.lockfile.signature = { checked: true, required: true, result: "signature_invalid" }),
      // The registry refuses every plugin of a lockfile whose signature does not verify: each hash_ok rests on it too.
      alsoResting: (before) =>
        Object.keys(before).filter((key) => key.endsWith(" › hash_ok") && before[key] === "pass:"),
    },
    contract_lock_files: {
      change: ({ evidence }) =>
        evidence.lockfile.contract_files.push({
          rel: "contracts/changed.json",
          expected: "a".repeat(64),
          actual: "b".repeat(64),
        }),
    },
    manifests_valid: {
      change: ({ evidence }) =>
        evidence.manifests.duplicates.push({
          plugin_id: "builtin.twice",
          manifests: ["plugins/a/plugin.json", "plugins/b/plugin.json"],
        }),
    },
    platform_cli: {
      change: ({ evidence }) =>
        (evidence.commands.plugins_list.fault = {
          code: "CLI_FAILED",
          detail: "plugins list exited 1",
          file: null,
          issues: [],
        }),
    },
    required_capabilities: {
      change: ({ evidence }) => evidence.config.required_capabilities.push("no.such.capability"),
    },
    inventory_resolved: {
      change: ({ inventory }) =>
        inventory.unresolved_ids.push({ plugin_id: "builtin.ghost", referenced_by: ["allowlist"] }),
    },
    probe_catalog: {
      change: ({ evidence }) => (evidence.probe_catalog = { ...evidence.probe_catalog, source: "none" }),
    },
  };

  test.each(RUN_CHECK_IDS)(
    "a changed run-level fact under %s flips that run check (and only what else rests on the same fact)",
    (check) => {
      const before = cells(bundle.recorded);
      expect(before[`run › ${check}`]).toBe("pass:");
      const changed = structuredClone(bundle.recorded) as { -readonly [K in keyof RecordedRun]: RecordedRun[K] };
      runFacts[check].change(changed);
      const also = runFacts[check].alsoResting?.(before) ?? [];
      expect(flipped(before, cells(changed))).toEqual([`run › ${check}`, ...also].sort());
    },
  );

  test("a changed attempt of one query case flips that case, and nothing else", () => {
    const before = cells(bundle.recorded);
    const changed = structuredClone(bundle.recorded) as { -readonly [K in keyof RecordedRun]: RecordedRun[K] };
    const record = changed.queries!.cases.find((c) => c.route === "cli" && c.verdict.class === "pass");
    expect(record, "a CLI case that passes").toBeTruthy();
    record!.attempts[0] = {
      outcome: "timeout",
      detail: "no answer within the limit",
      markers: null,
      finding: null,
      answer: null,
      signature: null,
    };
    expect(flipped(before, cells(changed))).toEqual([`query › ${record!.case_id}`]);
  });

  test("a changed recorded finding of one query case (its adapter's reading of the output) flips that case, and nothing else", () => {
    const before = cells(bundle.recorded);
    const changed = structuredClone(bundle.recorded) as { -readonly [K in keyof RecordedRun]: RecordedRun[K] };
    const record = changed.queries!.cases.find((c) => c.route === "cli" && c.verdict.class === "pass");
    expect(record, "a CLI case that passes").toBeTruthy();
    expect(record!.attempts[0]!.finding).toBeNull();
    record!.attempts[0] = {
      ...record!.attempts[0]!,
      finding: { reason: "degraded_result", attribution: "plugin", dependencies: [], marker: "changed fact" },
    };
    expect(flipped(before, cells(changed))).toEqual([`query › ${record!.case_id}`]);
    expect(cells(changed)[`query › ${record!.case_id}`]).toBe("infra_error:degraded_result");
  });
});
