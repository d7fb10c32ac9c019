import type { QueryAttempt } from "../../contracts/query-run.ts";
import type { PlatformOutput, RoutedQuery } from "../gather/adapters/query-port.ts";
import { canonicalJson, sha256Hex } from "../shared/canonical/canonical-json.ts";

/** One attempt plus what only telemetry keeps: wall time and the platform's stage timings. */
export interface TimedAttempt {
  readonly attempt: QueryAttempt;
  readonly command: string;
  readonly ms: number;
  readonly stageMs: Record<string, number>;
}

function fromOutput(output: PlatformOutput): QueryAttempt {
  const m = output.markers;
  const finding = output.finding;
  const detail = `ok=${m.ok} state=${m.answer_state} run_id=${m.run_id_prefix} method=${m.method}${m.error ? ` error=${m.error}` : ""}`;
  // An output its adapter reads as an infrastructure outcome is never recorded as an answer.
  if (finding) return { outcome: "result", detail, markers: m, finding, answer: null, signature: null };
  return {
    outcome: "result",
    detail,
    markers: m,
    finding: null,
    answer: output.answer,
    signature: sha256Hex(canonicalJson(output.answer)),
  };
}

/**
 * Pure: what the platform's route brought back, as the attempt queries.json records (and its timings beside it),
 * with the adapter's finding on it: the judge reads that, never the platform's markers.
 */
export function timedAttempt(routed: RoutedQuery): TimedAttempt {
  const { command, ms, reply } = routed;
  if (reply.kind === "failed")
    return {
      command,
      ms,
      stageMs: {},
      attempt: {
        outcome: reply.outcome,
        detail: reply.detail,
        markers: null,
        finding: reply.finding,
        answer: null,
        signature: null,
      },
    };
  return { command, ms, stageMs: reply.output.stageMs, attempt: fromOutput(reply.output) };
}
