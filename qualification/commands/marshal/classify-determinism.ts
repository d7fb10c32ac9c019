import type { DeterminismReport, StabilityClass, TestStability } from "../../../contracts/determinism.ts";
import type { FinalReport } from "../../../contracts/final-report.ts";
import type { RunEvidence } from "../../../contracts/evidence.ts";
import type { QueryRun } from "../../../contracts/query-run.ts";
import { canonicalJson, compareCodePoints } from "../../shared/canonical/canonical-json.ts";
import { diffJson } from "../../shared/json/json-pointer.ts";

export interface RunRecord {
  readonly final: FinalReport;
  readonly evidence: RunEvidence;
  /** The run's queries.json (each case's attempts and citations), when it ran a query tier. */
  readonly queries?: QueryRun | null;
}

/** A test's canonical evidence: its verdict plus the plugin evidence it was judged from. */
function testEvidence(run: RunRecord): Map<string, unknown> {
  const byPlugin = new Map(run.evidence.plugins.map((p) => [p.plugin_id, p]));
  const out = new Map<string, unknown>();
  for (const plugin of run.final.plugins)
    for (const [check, verdict] of Object.entries(plugin.checks))
      out.set(`${plugin.plugin_id} › ${check}`, { verdict, evidence: byPlugin.get(plugin.plugin_id) ?? null });
  for (const [check, verdict] of Object.entries(run.final.run_checks))
    out.set(`run › ${check}`, {
      verdict,
      evidence: { commands: run.evidence.commands, lockfile: run.evidence.lockfile, config: run.evidence.config },
    });
  // The query tier's tests (`query › <tier> › <case_id>`): the case's class is its verdict, its recorded
  // attempts and citations (queries.json) its evidence.
  const queries = run.final.queries ?? null;
  if (queries) {
    const records = new Map((run.queries?.cases ?? []).map((c) => [`${c.tier}\u0000${c.case_id}`, c]));
    out.set("query › expected_answers", {
      verdict: { status: queries.fault ? "fail" : "pass", reason: queries.fault?.code ?? null },
      evidence: { expected: queries.expected, fault: queries.fault },
    });
    for (const c of queries.cases)
      out.set(`query › ${c.tier} › ${c.case_id}`, {
        verdict: { status: c.class, reason: c.reason },
        evidence: records.get(`${c.tier}\u0000${c.case_id}`) ?? c,
      });
  }
  return out;
}

const MAX_POINTERS = 20;

/**
 * Pure: N recorded runs → each test stable (same verdict, same evidence), flaky (verdict changed) or
 * unstable_evidence (same verdict, different evidence). A test missing from a run counts as a changed verdict.
 */
export function classifyDeterminism(runs: readonly RunRecord[], seeds: readonly number[]): DeterminismReport {
  const perRun = runs.map(testEvidence);
  const names = [...new Set(perRun.flatMap((m) => [...m.keys()]))].sort(compareCodePoints);
  const tests: TestStability[] = names.map((test) => {
    const values = perRun.map((m) => m.get(test));
    const verdicts = values.map((v) => {
      const verdict = (v as { verdict?: { status: string; reason: string | null } } | undefined)?.verdict;
      return verdict ? `${verdict.status}:${verdict.reason ?? ""}` : "missing";
    });
    const first = values[0];
    const diffs = values
      .map((value, index) => ({
        run: index + 1,
        pointers: diffJson(first, value)
          .map((d) => d.pointer)
          .slice(0, MAX_POINTERS),
      }))
      .filter((d) => d.pointers.length > 0);
    const flaky = verdicts.some((v) => v !== verdicts[0]);
    const same = values.every((v) => canonicalJson(v ?? null) === canonicalJson(first ?? null));
    return { test, class: flaky ? "flaky" : same ? "stable" : "unstable_evidence", verdicts, diffs };
  });
  const count = (c: StabilityClass) => tests.filter((t) => t.class === c).length;
  return {
    schema_version: 1,
    runs: runs.length,
    seeds: [...seeds],
    summary: { stable: count("stable"), flaky: count("flaky"), unstable_evidence: count("unstable_evidence") },
    tests,
  };
}
