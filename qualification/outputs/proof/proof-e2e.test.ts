import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import type { FinalReport } from "../../../contracts/final-report.ts";
import { resultsFromOutcome } from "../report/results-from-outcome.ts";
import { renderFinalReport } from "../report/render-final-report.ts";
import { writeReportFiles } from "../../../reporters/write-report-files.ts";
import { copyExample, optionsFor } from "../../../setup/testing/example-copy.ts";
import { stableJson } from "../../shared/canonical/canonical-json.ts";
import { EVIDENCE_FILE, INVENTORY_FILE } from "../../register/write-session-outputs.ts";
import { qualifyAll } from "../../session/qualify-all.ts";
import { testPublicKeyText, testSigner } from "./testing/sample-bundle.ts";
import { verifyBundle } from "./verify/verify-bundle.ts";
import { writeProofBundle } from "./write-proof-bundle.ts";

const RUN = {
  run_id: "e2e",
  started_at: "2025-01-01T00:00:00.000Z",
  finished_at: "2025-01-01T00:00:01.000Z",
  host: "test",
  tool_version: "plugin-qualification-suite@0.1.0",
};

/**
 * What `pnpm test:qualify` does on a complete run, without Vitest's runner: qualify, write outputs, write the bundle.
 */
async function qualifyAndBundle(
  root: string,
  probes: string,
  out: string,
): Promise<{ final: FinalReport; proof: string }> {
  const outcome = await qualifyAll(optionsFor(root, { QUALIFY_OUT: out, QUALIFY_PROBES: probes }));
  writeReportFiles(
    out,
    renderFinalReport({
      inventory: outcome.inventory,
      evidence: outcome.evidence,
      results: resultsFromOutcome(outcome),
      run: RUN,
    }),
    null,
  );
  writeFileSync(join(out, INVENTORY_FILE), stableJson(outcome.inventory));
  writeFileSync(join(out, EVIDENCE_FILE), stableJson(outcome.evidence));
  const final = JSON.parse(readFileSync(join(out, "final.json"), "utf8")) as FinalReport;
  const proof = writeProofBundle(out, final, {
    signer: testSigner(),
    toolVersion: RUN.tool_version,
    nodeVersion: process.version,
  });
  return { final, proof };
}

describe("proof bundle of a real qualification of the example platform", () => {
  test("signed bundle verifies (for its target and commit); a changed plugin file gives an honest bundle that still verifies, with that plugin failing", async () => {
    const honest = copyExample();
    const changed = copyExample();
    appendFileSync(
      join(changed.root, "plugins/builtin/time_intent_parser/plugin.py"),
      "\n# changed after the lock was written\n",
    );
    const [first, second] = await Promise.all([
      qualifyAndBundle(honest.root, honest.probes, honest.out),
      qualifyAndBundle(changed.root, changed.probes, changed.out),
    ]);

    const options = {
      publicKeyText: testPublicKeyText(),
      allowUnsigned: false,
      target: honest.root,
      commit: first.final.target.commit,
      cwd: "/",
    };
    const report = verifyBundle(first.proof, options);
    expect(report.steps.filter((s) => s.status === "fail")).toEqual([]);
    expect(report.ok).toBe(true);
    // Beside the bundle, its envelope in the .intoto.jsonl form: one line, the same DSSE envelope.
    const jsonl = readFileSync(`${first.proof}.intoto.jsonl`, "utf8");
    expect(jsonl.split("\n")).toHaveLength(2);
    expect(JSON.parse(jsonl)).toEqual(JSON.parse(readFileSync(join(first.proof, "envelope.dsse.json"), "utf8")));
    expect(first.final.summary.tests_emitted).toBe(first.final.plugins.length * 6);
    // The same bundle presented for another target is rejected.
    expect(verifyBundle(first.proof, { ...options, target: changed.root }).ok).toBe(false);

    // The changed copy: the evidence is honest, so its bundle verifies, and its verdicts show the plugin failing.
    const verdict = verifyBundle(second.proof, {
      ...options,
      target: changed.root,
      commit: second.final.target.commit,
    });
    expect(verdict.steps.filter((s) => s.status === "fail")).toEqual([]);
    const plugin = second.final.plugins.find((p) => p.plugin_id === "builtin.time.intent_parser")!;
    expect(plugin.qualified).toBe(false);
    expect(plugin.checks.hash_ok).toMatchObject({ status: "fail", reason: "ARTIFACT_HASH_MISMATCH" });
  }, 600_000);
});
