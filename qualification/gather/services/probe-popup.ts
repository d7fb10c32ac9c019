import type { ServiceProbe } from "../../../contracts/query-run.ts";
import { httpStep, joinUrl, type HttpStepResult } from "./http-step.ts";

export interface PopupProbeOptions {
  readonly url: string;
  readonly timeoutMs: number;
  /** The popup step runs a real query, so it gets the query timeout rather than the probe timeout. */
  readonly popupTimeoutMs: number;
}

/**
 * `tools/run_non_vlm_readiness.py` `_popup_query_preflight`: a popup answer naming either of these means the service
 * cannot answer.
 */
const POPUP_BLOCKING_MARKERS = ["query_compute_disabled", "autocapture_upstream_unreachable"] as const;

type Step = ServiceProbe["steps"][number];

function httpCode(prefix: string, result: HttpStepResult): string {
  return result.status === null ? `${prefix}_unreachable:${result.failure}` : `${prefix}_http_${result.status}`;
}

function popupBlockingMarker(json: unknown): string | null {
  const record = (json ?? {}) as { processing_blocked_reason?: unknown; error?: unknown };
  const texts = [record.processing_blocked_reason, record.error].filter((v): v is string => typeof v === "string");
  return POPUP_BLOCKING_MARKERS.find((marker) => texts.some((text) => text.includes(marker))) ?? null;
}

/** `GET /api/auth/token` → the bearer token, or the step's error code. */
export async function fetchPopupToken(
  url: string,
  timeoutMs: number,
): Promise<{ token: string | null; error: string | null; step: Step }> {
  const result = await httpStep({ method: "GET", url: joinUrl(url, "/api/auth/token"), timeoutMs });
  const token = (result.json as { token?: unknown } | null)?.token;
  const error = !result.ok
    ? httpCode("token", result)
    : typeof token !== "string" || token === ""
      ? "token_missing"
      : null;
  return {
    token: error ? null : (token as string),
    error,
    step: {
      step: "token",
      ok: error === null,
      detail: `${result.display} → ${result.status ?? result.failure}${error ? ` (${error})` : ""}`,
    },
  };
}

/**
 * Port 7411, `tools/run_non_vlm_readiness.py` `_popup_query_preflight`: `GET /health` →
 * `GET /api/auth/token` → `POST /api/query/popup {"query": "status check", "max_citations": 6}` with the
 * bearer token. The popup step fails when its answer carries a blocking marker.
 */
export async function probePopup(options: PopupProbeOptions): Promise<ServiceProbe> {
  const steps: Step[] = [];
  const done = (up: boolean, error: string | null): ServiceProbe => ({
    service: "service_7411",
    url: options.url,
    up,
    steps,
    error,
  });

  const health = await httpStep({ method: "GET", url: joinUrl(options.url, "/health"), timeoutMs: options.timeoutMs });
  steps.push({ step: "health", ok: health.ok, detail: `${health.display} → ${health.status ?? health.failure}` });
  if (!health.ok) return done(false, httpCode("health", health));

  const token = await fetchPopupToken(options.url, options.timeoutMs);
  steps.push(token.step);
  if (token.token === null) return done(false, token.error);

  const popup = await httpStep({
    method: "POST",
    url: joinUrl(options.url, "/api/query/popup"),
    timeoutMs: options.popupTimeoutMs,
    headers: { authorization: `Bearer ${token.token}` },
    body: { query: "status check", max_citations: 6 },
  });
  const blocked = popup.ok ? popupBlockingMarker(popup.json) : null;
  const error = !popup.ok ? httpCode("popup", popup) : blocked ? `popup_blocked:${blocked}` : null;
  steps.push({
    step: "popup",
    ok: error === null,
    detail: `${popup.display} → ${popup.status ?? popup.failure}${error ? ` (${error})` : ""}`,
  });
  return done(error === null, error);
}
