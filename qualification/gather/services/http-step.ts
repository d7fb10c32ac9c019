/** One bounded HTTP exchange of a probe sequence, as data (never thrown). */
export interface HttpStepResult {
  readonly ok: boolean;
  readonly status: number | null;
  /** Parsed JSON body, or null when the body was empty or not JSON. */
  readonly json: unknown;
  /** `TimeoutError`, `ECONNREFUSED`, … when no HTTP answer came back. */
  readonly failure: string | null;
  readonly display: string;
}

export interface HttpStepRequest {
  readonly method: "GET" | "POST";
  readonly url: string;
  readonly timeoutMs: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

/** Joins a base URL and a path without doubling or dropping slashes. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
}

function failureName(error: unknown): string {
  if ((error as Error).name === "TimeoutError" || (error as Error).name === "AbortError") return "TimeoutError";
  const cause = (error as { cause?: { code?: string; name?: string } }).cause;
  return cause?.code ?? cause?.name ?? (error as Error).name ?? "Error";
}

/**
 * `fetch` with an abort timeout that covers the body too (a service that sends headers and then stalls is
 * still a timeout). Any 2xx is ok (vLLM answers `/health` with 200 and an empty body; the platform's
 * `tools/run_non_vlm_readiness.py` `_http_preflight` accepts it).
 */
export async function httpStep(request: HttpStepRequest): Promise<HttpStepResult> {
  const display = `${request.method} ${request.url}`;
  const signal = AbortSignal.timeout(request.timeoutMs);
  try {
    const headers: Record<string, string> = { ...(request.headers ?? {}) };
    if (request.body !== undefined) headers["content-type"] = "application/json";
    const init: RequestInit = { method: request.method, headers, signal };
    if (request.body !== undefined) init.body = JSON.stringify(request.body);
    const response = await fetch(request.url, init);
    const text = await response.text();
    let json: unknown = null;
    try {
      json = text.trim() === "" ? null : JSON.parse(text);
    } catch {
      json = null;
    }
    return { ok: response.ok, status: response.status, json, failure: null, display };
  } catch (error) {
    return { ok: false, status: null, json: null, failure: failureName(error), display };
  }
}
