import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { RunEvidence } from "../../../contracts/evidence.ts";
import type { FinalReport } from "../../../contracts/final-report.ts";
import type { QueryRun } from "../../../contracts/query-run.ts";
import { QUERIES_FILE } from "../../query/query-output-files.ts";
import { stableJson } from "../../shared/canonical/canonical-json.ts";
import { SUITE_ROOT } from "../../shared/options/resolve-options.ts";
import { runCommand } from "../../shared/process/run-command.ts";
import type { DeterminismReport } from "../../../contracts/determinism.ts";
import { classifyDeterminism, type RunRecord } from "./classify-determinism.ts";

export const DETERMINISM_FILE = "determinism.json";

export interface MarshalOptions {
  readonly runs: number;
  readonly seed: number;
  readonly outDir: string;
  /** Environment for each qualification run (QUALIFY_TARGET, QUALIFY_PROBES, …); QUALIFY_OUT is set per run. */
  readonly env: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly log: (line: string) => void;
}

/**
 * Runs `test:qualify` N times, each with Vitest's shuffled order under its own seed and its own output dir,
 * then compares every test's verdict and canonical evidence across the runs.
 */
export async function runMarshal(options: MarshalOptions): Promise<DeterminismReport> {
  const records: RunRecord[] = [];
  const seeds: number[] = [];
  for (let k = 1; k <= options.runs; k++) {
    const seed = options.seed + k - 1;
    seeds.push(seed);
    const out = join(options.outDir, "marshal", `run-${k}`);
    mkdirSync(out, { recursive: true });
    const run = await runCommand({
      file: process.execPath,
      args: [
        join(SUITE_ROOT, "node_modules/vitest/vitest.mjs"),
        "--mode",
        "qualify",
        "--sequence.shuffle",
        `--sequence.seed=${seed}`,
        "--reporter=dot",
      ],
      cwd: SUITE_ROOT,
      env: { CI: "true", ...options.env, QUALIFY_OUT: out },
      timeoutMs: options.timeoutMs,
    });
    options.log(
      `marshal: run ${k}/${options.runs} (seed ${seed}) exited ${run.timedOut ? "by timeout" : run.exitCode}`,
    );
    try {
      records.push({
        final: JSON.parse(readFileSync(join(out, "final.json"), "utf8")) as FinalReport,
        evidence: JSON.parse(readFileSync(join(out, "evidence.json"), "utf8")) as RunEvidence,
        queries: existsSync(join(out, QUERIES_FILE))
          ? (JSON.parse(readFileSync(join(out, QUERIES_FILE), "utf8")) as QueryRun)
          : null,
      });
    } catch (error) {
      throw new MarshalError(
        `run ${k} (seed ${seed}) produced no final.json/evidence.json: ${(error as Error).message}\n${run.stderr.slice(-2000)}`,
      );
    }
  }
  const report = classifyDeterminism(records, seeds);
  mkdirSync(options.outDir, { recursive: true });
  writeFileSync(join(options.outDir, DETERMINISM_FILE), stableJson(report));
  return report;
}

export class MarshalError extends Error {
  readonly code = "MARSHAL_RUN_FAILED";
}
