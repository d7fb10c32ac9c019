import type { ServiceProbe } from "../../../contracts/query-run.ts";
import { httpStep, joinUrl, type HttpStepResult } from "./http-step.ts";

export interface VlmProbeOptions {
  readonly url: string;
  /** The model `/v1/models` must list; null (a platform declaring no VLM model) takes the first one listed. */
  readonly model: string | null;
  /** Sent as `Authorization: Bearer …` when set (AUTOCAPTURE_VLM_API_KEY); never recorded. */
  readonly apiKey: string | null;
  readonly timeoutMs: number;
}

type Step = ServiceProbe["steps"][number];

function httpCode(prefix: string, result: HttpStepResult): string {
  return result.status === null ? `${prefix}_unreachable:${result.failure}` : `${prefix}_http_${result.status}`;
}

/** A model ID matches when it is the expected name or ends with `/<name>` (vLLM serves paths as IDs). */
function hasModel(json: unknown, model: string | null): { empty: boolean; found: boolean; first: string | null } {
  const data = (json as { data?: unknown } | null)?.data;
  const ids = Array.isArray(data)
    ? data
        .map((item) => (item as { id?: unknown }).id)
        .filter((id): id is string => typeof id === "string" && id !== "")
    : [];
  const found = model === null ? ids.length > 0 : ids.some((id) => id === model || id.endsWith(`/${model}`));
  return { empty: ids.length === 0, found, first: ids[0] ?? null };
}

/**
 * Port 8000, the sequence the platform's readiness tool runs (`tools/run_non_vlm_readiness.py`): cheap `GET /health`,
 * then the full check —
 * `GET /v1/models` must list the expected model, and a `ping` chat completion must return choices.
 * Error codes are the platform's (`models_missing_expected`, `completion_empty`, …) plus `health_*`.
 */
export async function probeVlm(options: VlmProbeOptions): Promise<ServiceProbe> {
  const steps: Step[] = [];
  const auth: Record<string, string> = options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {};
  const done = (up: boolean, error: string | null): ServiceProbe => ({
    service: "service_8000",
    url: options.url,
    up,
    steps,
    error,
  });

  const health = await httpStep({ method: "GET", url: joinUrl(options.url, "/health"), timeoutMs: options.timeoutMs });
  steps.push({ step: "health", ok: health.ok, detail: `${health.display} → ${health.status ?? health.failure}` });
  if (!health.ok) return done(false, httpCode("health", health));

  const models = await httpStep({
    method: "GET",
    url: joinUrl(options.url, "/v1/models"),
    timeoutMs: options.timeoutMs,
    headers: auth,
  });
  const listed = hasModel(models.json, options.model);
  const modelsError = !models.ok
    ? httpCode("models", models)
    : listed.empty
      ? "models_empty"
      : !listed.found
        ? "models_missing_expected"
        : null;
  steps.push({
    step: "models",
    ok: modelsError === null,
    detail: `${models.display} → ${models.status ?? models.failure}${modelsError ? ` (${modelsError}; expected ${options.model ?? "any model"})` : ""}`,
  });
  if (modelsError) return done(false, modelsError);

  const body = {
    model: options.model ?? listed.first,
    messages: [{ role: "user", content: "ping" }],
    temperature: 0,
    max_tokens: 8,
    max_completion_tokens: 8,
  };
  const chat = await httpStep({
    method: "POST",
    url: joinUrl(options.url, "/v1/chat/completions"),
    timeoutMs: options.timeoutMs,
    headers: auth,
    body,
  });
  const choices = (chat.json as { choices?: unknown } | null)?.choices;
  const chatError = !chat.ok
    ? httpCode("completion", chat)
    : !Array.isArray(choices) || choices.length === 0
      ? "completion_empty"
      : null;
  steps.push({
    step: "chat_ping",
    ok: chatError === null,
    detail: `${chat.display} → ${chat.status ?? chat.failure}${chatError ? ` (${chatError})` : ""}`,
  });
  return done(chatError === null, chatError);
}
