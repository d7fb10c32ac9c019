import type { QueryAttempt } from "../../contracts/query-run.ts";
import { runPlatformCli, type PlatformCliContext } from "../adapters/autocapture-nx/cli/platform-cli.ts";
import { canonicalJson, sha256Hex } from "../canonical/canonical-json.ts";
import { httpStep, joinUrl } from "../services/http-step.ts";
import { infraFromMarkers } from "./infra-markers.ts";
import { readCliResult, readPopupResponse, type PlatformOutput } from "./read-platform-output.ts";

/** One attempt plus what only telemetry keeps: wall time and the platform's stage timings. */
export interface TimedAttempt {
  readonly attempt: QueryAttempt;
  readonly command: string;
  readonly ms: number;
  readonly stageMs: Record<string, number>;
}

const roundMs = (ms: number): number => Math.round(ms * 1000) / 1000;

/** The popup asks for at most this many citations (the platform's own web API defaults to 8: `autocapture/web/routes/query.py` `PopupQueryRequest`). */
const POPUP_MAX_CITATIONS = 8;

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

/** `python -m autocapture_nx query <text>` in the target root (it always exits 0: `autocapture_nx/cli.py` `cmd_query`). */
export async function cliAttempt(ctx: PlatformCliContext, text: string): Promise<TimedAttempt> {
  const started = performance.now();
  const run = await runPlatformCli(ctx, ["query", text], [0]);
  const ms = roundMs(performance.now() - started);
  const base = { command: run.command, ms };
  if (run.fault?.code === "CLI_TIMEOUT")
    return {
      ...base,
      stageMs: {},
      attempt: { outcome: "timeout", detail: run.fault.detail, markers: null, answer: null, signature: null },
    };
  if (run.fault) {
    const outcome = run.fault.detail.startsWith("could not start") ? "transport_error" : "invalid_output";
    return {
      ...base,
      stageMs: {},
      attempt: {
        outcome,
        detail: `${run.fault.code}: ${run.fault.detail}`,
        markers: null,
        answer: null,
        signature: null,
      },
    };
  }
  const output = readCliResult(run.json);
  return { ...base, stageMs: output.stageMs, attempt: fromOutput(output, "cli") };
}

/** `POST <7411>/api/query/popup` with the bearer token (the platform's preflight: `tools/run_non_vlm_readiness.py` `_popup_query_preflight`). */
export async function popupAttempt(url: string, token: string, text: string, timeoutMs: number): Promise<TimedAttempt> {
  const target = joinUrl(url, "/api/query/popup");
  const command = `POST ${target} ${canonicalJson({ max_citations: POPUP_MAX_CITATIONS, query: text })}`;
  const started = performance.now();
  const result = await httpStep({
    method: "POST",
    url: target,
    timeoutMs,
    headers: { authorization: `Bearer ${token}` },
    body: { query: text, max_citations: POPUP_MAX_CITATIONS },
  });
  const ms = roundMs(performance.now() - started);
  const none = { markers: null, answer: null, signature: null };
  if (result.failure === "TimeoutError")
    return {
      command,
      ms,
      stageMs: {},
      attempt: { outcome: "timeout", detail: `${result.display}: no answer within ${timeoutMs} ms`, ...none },
    };
  if (result.status === null)
    return {
      command,
      ms,
      stageMs: {},
      attempt: { outcome: "transport_error", detail: `${result.display}: ${result.failure}`, ...none },
    };
  if (!result.ok)
    return {
      command,
      ms,
      stageMs: {},
      attempt: { outcome: "transport_error", detail: `${result.display} → HTTP ${result.status}`, ...none },
    };
  if (result.json === null || typeof result.json !== "object" || Array.isArray(result.json))
    return {
      command,
      ms,
      stageMs: {},
      attempt: {
        outcome: "invalid_output",
        detail: `${result.display} → ${result.status} without a JSON object`,
        ...none,
      },
    };
  const output = readPopupResponse(result.json);
  return { command, ms, stageMs: output.stageMs, attempt: fromOutput(output, "popup") };
}
