import { runPlatformCli, type PlatformCliContext } from "../cli/platform-cli.ts";
import { canonicalJson } from "../../../../shared/canonical/canonical-json.ts";
import { fetchPopupToken } from "../../../services/probe-popup.ts";
import { httpStep, joinUrl } from "../../../services/http-step.ts";
import type { RoutedQuery } from "../../query-port.ts";
import { bootCause } from "./boot-cause.ts";
import { readCliResult, readPopupResponse } from "./read-platform-output.ts";

const roundMs = (ms: number): number => Math.round(ms * 1000) / 1000;

/**
 * The popup asks for at most this many citations (the platform's own web API defaults to 8:
 * `autocapture/web/routes/query.py` `PopupQueryRequest`).
 */
const POPUP_MAX_CITATIONS = 8;

/**
 * `python -m autocapture_nx query <text>` in the target root (it always exits 0: `autocapture_nx/cli.py` `cmd_query`).
 */
export async function cliQuery(ctx: PlatformCliContext, text: string): Promise<RoutedQuery> {
  const started = performance.now();
  const run = await runPlatformCli(ctx, ["query", text], [0]);
  const ms = roundMs(performance.now() - started);
  const base = { command: run.command, ms };
  // A slow query is the tier's to judge; any other failure the platform explains in its own words (bootCause).
  if (run.fault?.code === "CLI_TIMEOUT")
    return { ...base, reply: { kind: "failed", outcome: "timeout", detail: run.fault.detail, finding: null } };
  if (run.fault) {
    const outcome = run.fault.detail.startsWith("could not start") ? "transport_error" : "invalid_output";
    const detail = `${run.fault.code}: ${run.fault.detail}`;
    return { ...base, reply: { kind: "failed", outcome, detail, finding: bootCause({ outcome, detail }) } };
  }
  return { ...base, reply: { kind: "output", output: readCliResult(run.json) } };
}

/**
 * `POST <7411>/api/query/popup` with the bearer token (the platform's preflight: `tools/run_non_vlm_readiness.py`
 * `_popup_query_preflight`).
 */
export async function popupQuery(url: string, token: string, text: string, timeoutMs: number): Promise<RoutedQuery> {
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
  const failed = (outcome: "timeout" | "transport_error" | "invalid_output", detail: string): RoutedQuery => ({
    command,
    ms,
    // A popup that gives no output is the service's fault, by the tier's own rule: nothing of the platform's to read.
    reply: { kind: "failed", outcome, detail, finding: null },
  });
  if (result.failure === "TimeoutError")
    return failed("timeout", `${result.display}: no answer within ${timeoutMs} ms`);
  if (result.status === null) return failed("transport_error", `${result.display}: ${result.failure}`);
  if (!result.ok) return failed("transport_error", `${result.display} → HTTP ${result.status}`);
  if (result.json === null || typeof result.json !== "object" || Array.isArray(result.json))
    return failed("invalid_output", `${result.display} → ${result.status} without a JSON object`);
  return { command, ms, reply: { kind: "output", output: readPopupResponse(result.json) } };
}

/**
 * The popup route of one run: the bearer token fetched once (on the first service-backed case), then one POST per
 * question. Without a token each question fails as a transport error naming the token request.
 */
export function popupRoute(
  url: string,
  tokenTimeoutMs: number,
  queryTimeoutMs: number,
): (text: string) => Promise<RoutedQuery> {
  let token: Promise<{ token: string | null; error: string | null }> | null = null;
  return async (text) => {
    const auth = await (token ??= fetchPopupToken(url, tokenTimeoutMs));
    if (auth.token === null)
      return {
        command: `GET ${url}/api/auth/token`,
        ms: 0,
        reply: { kind: "failed", outcome: "transport_error", detail: `no popup token: ${auth.error}`, finding: null },
      };
    return popupQuery(url, auth.token, text, queryTimeoutMs);
  };
}
