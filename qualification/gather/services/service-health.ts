export interface ServiceHealth {
  readonly name: string;
  readonly url: string;
  readonly up: boolean;
  readonly detail: string;
}

/**
 * A bounded `GET <url>/health` (as `tools/run_non_vlm_readiness.py` `_http_preflight`: any 2xx is healthy; vLLM answers
 * 200 with an empty body). Down is data, not an exception: the caller labels dependent results with it.
 */
export async function probeHealth(name: string, url: string, timeoutMs = 2000): Promise<ServiceHealth> {
  const target = `${url.replace(/\/+$/, "")}/health`;
  try {
    const response = await fetch(target, { signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer().catch(() => undefined);
    return response.ok
      ? { name, url, up: true, detail: `GET ${target} → ${response.status}` }
      : { name, url, up: false, detail: `GET ${target} → HTTP ${response.status}` };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    const reason =
      (error as Error).name === "TimeoutError"
        ? `no answer within ${timeoutMs} ms`
        : (cause ?? (error as Error).message);
    return { name, url, up: false, detail: `GET ${target} failed: ${reason}` };
  }
}
