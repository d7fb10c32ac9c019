import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Reporter, TestModule, TestRunEndReason, Vitest } from "vitest/node";
import type { RunEvidence } from "../contracts/evidence.ts";
import type { PluginInventory } from "../contracts/plugin-inventory.ts";
import { stableJson } from "../qualification/shared/canonical/canonical-json.ts";
import { resolveOptions } from "../qualification/shared/options/resolve-options.ts";
import { EVIDENCE_FILE, INVENTORY_FILE } from "../qualification/register/write-session-outputs.ts";
import { INTERRUPTED_FILE } from "../qualification/shared/process/run-resources.ts";
import "../qualification/register/task-meta.ts";
import type { CollectedResult } from "../qualification/outputs/report/collected-results.ts";
import { renderFinalReport } from "../qualification/outputs/report/render-final-report.ts";
import { loadSigner } from "../qualification/outputs/proof/load-signer.ts";
import { collectQueryOutcome } from "./collect-query-outcome.ts";
import { writeProofBundle } from "../qualification/outputs/proof/write-proof-bundle.ts";
import { writeShardRun } from "../qualification/outputs/shard/write-shard-run.ts";
import { JUNIT_FILE } from "./render-junit-xml.ts";
import { REPORT_MD_FILE } from "./render-report-md.ts";
import { renderGithubAnnotations } from "./render-github-annotations.ts";
import { makeRunSection } from "../qualification/outputs/report/run-section.ts";
import { SUITE_TOOL_VERSION } from "../qualification/shared/options/suite-version.ts";
import { writeReportFiles } from "./write-report-files.ts";
import { FINAL_FILE, PARTIAL_FILE } from "../qualification/outputs/report/final-report-files.ts";
import { EXIT_INFRA_ONLY, EXIT_USAGE, exitCodeOf, exitWith } from "../qualification/session/exit-code.ts";
import { CHECK_IDS } from "../contracts/reason-codes.ts";

/**
 * Collects every generated test's verdict, then renders and writes the outputs once per run: final.json,
 * report.md, junit.xml, the GitHub step summary, and the proof bundle (complete runs only).
 */
export default class QualificationReporter implements Reporter {
  private startedAt = new Date();
  private vitest: Vitest | null = null;

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  onTestRunStart(): void {
    this.startedAt = new Date();
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>, _errors: unknown, reason: TestRunEndReason): void {
    const options = resolveOptions();
    // The session wrote interrupted.json as it started; a run that ended on its own is not interrupted.
    if (reason !== "interrupted") rmSync(join(options.outDir, INTERRUPTED_FILE), { force: true });
    const outDir = options.outDir;
    const inventoryPath = join(outDir, INVENTORY_FILE);
    const evidencePath = join(outDir, EVIDENCE_FILE);
    const watching = this.vitest?.config.watch === true;
    const judged = judgedStatuses(testModules);
    if (!watching) {
      const pattern = this.vitest?.config.testNamePattern;
      if (judged.tests === 0 && pattern && reason !== "interrupted") {
        const shown = pattern instanceof RegExp ? pattern.source : String(pattern);
        this.log(
          `qualification: -t ${shown} matches no plugin, run check or query case of this target: nothing was judged (plugin tests are named "<plugin_id> › <check>")`,
        );
        exitWith(EXIT_USAGE);
        return;
      }
      exitWith(judged.tests === 0 ? EXIT_INFRA_ONLY : exitCodeOf(judged.statuses));
    }
    if (!existsSync(inventoryPath) || !existsSync(evidencePath)) {
      this.log(
        `qualification: no ${INVENTORY_FILE}/${EVIDENCE_FILE} in ${outDir}; the qualification file did not complete, so ${FINAL_FILE} was not written`,
      );
      return;
    }
    const results: CollectedResult[] = [];
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const meta = test.meta().qualification;
        if (!meta || meta.kind === "query") continue;
        results.push({ ...meta, state: test.result().state });
      }
    }
    const inventory = JSON.parse(readFileSync(inventoryPath, "utf8")) as PluginInventory;
    const evidence = JSON.parse(readFileSync(evidencePath, "utf8")) as RunEvidence;
    const queryOutcome = collectQueryOutcome(testModules, outDir);
    if (options.shard) {
      // A shard is not a verdict on the whole target: final.partial.json and a partial bundle for `qualify merge`.
      const signer = loadSigner(options);
      const run = makeRunSection(this.startedAt, new Date(), options.serviceUrls);
      const shardRun = writeShardRun(
        outDir,
        {
          shard: options.shard,
          inventory,
          evidence,
          results,
          run,
          queries: queryOutcome.queries,
          queriesComplete: queryOutcome.complete,
        },
        { signer, toolVersion: SUITE_TOOL_VERSION, nodeVersion: process.version },
      );
      const label = `shard ${options.shard.index}/${options.shard.count}`;
      this.log(
        `qualification: ${label}: ${shardRun.final.summary.qualified}/${shardRun.final.summary.plugins_total} plugins of the shard qualified; ${join(outDir, PARTIAL_FILE)}`,
      );
      if (shardRun.proofDir)
        this.log(
          `qualification: ${label} partial bundle ${shardRun.proofDir} (${signer ? `signed, keyid ${signer.keyid}` : "UNSIGNED"}); merge all shards with \`pnpm qualify merge\``,
        );
      else this.log(`qualification: ${label} did not run in full (filtered or interrupted): no partial bundle written`);
      return;
    }
    const final = renderFinalReport({
      inventory,
      evidence,
      results,
      run: makeRunSection(this.startedAt, new Date(), options.serviceUrls),
      queries: queryOutcome.queries,
    });
    const planned = final.summary.tests_emitted + Object.keys(final.run_checks).length;
    const ranAll =
      results.filter((r) => r.state !== "pending").length === planned &&
      Object.keys(final.run_checks).length > 0 &&
      queryOutcome.complete;
    const s = final.summary;
    const headline = `qualification: ${final.ok ? "OK" : "NOT OK"} — ${s.qualified}/${s.plugins_total - s.deprecated} plugins qualified, ${s.deprecated} deprecated, ${s.unresolved} unresolved`;
    if (!ranAll) {
      // A filtered run (-t, watch) must not overwrite the last complete verdict, reports or bundle with a partial one.
      mkdirSync(outDir, { recursive: true });
      writeFileSync(join(outDir, PARTIAL_FILE), stableJson(final));
      this.log(`${partialHeadline(results, judged)}; ${join(outDir, PARTIAL_FILE)}`);
      return;
    }
    // Real times make junit.xml vary between runs: only where a CI test report wants them.
    writeReportFiles(
      outDir,
      final,
      options.githubStepSummary,
      options.junitTimes ? { times: testTimes(testModules) } : {},
    );
    if (options.githubAnnotations)
      for (const line of renderGithubAnnotations(final, options.githubAnnotations.workspace)) this.log(line);
    const signer = loadSigner(options);
    const proof = writeProofBundle(outDir, final, {
      signer,
      toolVersion: SUITE_TOOL_VERSION,
      nodeVersion: process.version,
    });
    this.log(`${headline}; ${join(outDir, FINAL_FILE)}, ${REPORT_MD_FILE}, ${JUNIT_FILE}`);
    this.log(
      `qualification: proof bundle ${proof} (${signer ? `signed, keyid ${signer.keyid}` : "UNSIGNED: set QUALIFY_SIGNING_KEY or QUALIFY_SIGNING_KEY_FILE to sign"})`,
    );
  }

  private log(line: string): void {
    (this.vitest?.logger ?? console).log(line);
  }
}

/** Every judged test's status (plugin and run verdicts, query classes); a test that broke itself is infra. */
function judgedStatuses(testModules: ReadonlyArray<TestModule>): { tests: number; statuses: string[] } {
  const statuses: string[] = [];
  let tests = 0;
  for (const module of testModules) {
    for (const test of module.children.allTests()) {
      const meta = test.meta().qualification;
      if (!meta) continue;
      tests += 1;
      const state = test.result().state;
      if (meta.kind === "query") statuses.push(meta.query ? meta.query.class : state === "failed" ? "fail" : "pass");
      else statuses.push(state === "failed" && meta.verdict.status === "pass" ? "infra_error" : meta.verdict.status);
    }
  }
  return { tests, statuses };
}

/** A filtered run speaks of what it judged, not of the plugins it did not run. */
function partialHeadline(results: readonly CollectedResult[], judged: { statuses: string[] }): string {
  const byPlugin = new Map<string, CollectedResult[]>();
  for (const r of results)
    if (r.kind === "plugin" && r.plugin_id) byPlugin.set(r.plugin_id, [...(byPlugin.get(r.plugin_id) ?? []), r]);
  const verdict = exitCodeOf(judged.statuses) === 0 ? "OK" : "NOT OK";
  const whole = [...byPlugin].filter(([, rs]) => rs.length === CHECK_IDS.length);
  const qualified = whole.filter(([, rs]) =>
    rs.every((r) => r.verdict.status === "pass" || r.verdict.status === "not_applicable"),
  ).length;
  const failing = judged.statuses.filter((s) => s === "fail").length;
  const infra = judged.statuses.filter((s) => s === "infra_error").length;
  return `qualification: ${verdict} (filtered run) — ${judged.statuses.length} test(s) judged: ${failing} failed, ${infra} infra_error; ${qualified}/${whole.length} plugin(s) with all checks run qualified`;
}

/** What Vitest measured for each generated test, by test name (ms). */
function testTimes(testModules: ReadonlyArray<TestModule>): Map<string, number> {
  const times = new Map<string, number>();
  for (const module of testModules)
    for (const test of module.children.allTests()) times.set(test.name, test.diagnostic()?.duration ?? 0);
  return times;
}
