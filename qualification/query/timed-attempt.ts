import type { QueryAttempt } from "../../contracts/query-run.ts";
import type { PlatformOutput, RoutedQuery } from "../adapters/query-port.ts";
import { canonicalJson, sha256Hex } from "../canonical/canonical-json.ts";
import { infraFromMarkers } from "./infra-markers.ts";

/** One attempt plus what only telemetry keeps: wall time and the platform's stage timings. */
export interface TimedAttempt {
  readonly attempt: QueryAttempt;
  readonly command: string;
  readonly ms: number;
  readonly stageMs: Record<string, number>;
}

function fromOutput(output: PlatformOutput, route: "cli" | "popup"): QueryAttempt {
  const m = output.markers;
  const infra = infraFromMarkers(m, route);
  const detail = `ok=${m.ok} state=${m.answer_state} run_id=${m.run_id_prefix} method=${m.method}${m.error ? ` error=${m.error}` : ""}`;
  // An output carrying an infrastructure marker is never recorded as an answer.
  if (infra) return { outcome: "result", detail, markers: m, answer: null, signature: null };
  return {
    outcome: "result",
    detail,
    markers: m,
    answer: output.answer,
    signature: sha256Hex(canonicalJson(output.answer)),
  };
}

/** Pure: what the platform's route brought back, as the attempt queries.json records (and its timings beside it). */
export function timedAttempt(routed: RoutedQuery, route: "cli" | "popup"): TimedAttempt {
  const { command, ms, reply } = routed;
  if (reply.kind === "failed")
    return {
      command,
      ms,
      stageMs: {},
      attempt: { outcome: reply.outcome, detail: reply.detail, markers: null, answer: null, signature: null },
    };
  return { command, ms, stageMs: reply.output.stageMs, attempt: fromOutput(reply.output, route) };
}
