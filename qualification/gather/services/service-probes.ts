import type { ServiceHealthReport, ServiceMode, ServiceProbe } from "../../../contracts/query-run.ts";
import { probePopup } from "./probe-popup.ts";
import { probeVlm } from "./probe-vlm.ts";

export interface ServiceProbeOptions {
  readonly urls: { readonly service_7411: string; readonly service_8000: string };
  readonly timeoutMs: number;
  readonly popupTimeoutMs: number;
  /** The model port 8000 must list; null when the platform declares none (any listed model will do). */
  readonly vlmModel: string | null;
  readonly vlmApiKey: string | null;
}

/** Pure: the run's mode from the two probes. */
export function serviceMode(probes: readonly ServiceProbe[]): ServiceMode {
  const up = (name: ServiceProbe["service"]): boolean => probes.some((probe) => probe.service === name && probe.up);
  const popup = up("service_7411");
  const vlm = up("service_8000");
  if (popup && vlm) return "service_up";
  if (!popup && !vlm) return "service_down";
  return popup ? "only_8000_down" : "only_7411_down";
}

/**
 * Both services' full probe sequences, concurrently. Called once, before any query is judged, so every
 * service-dependent result is labelled with the mode it ran under.
 */
export async function probeServices(options: ServiceProbeOptions): Promise<ServiceHealthReport> {
  const services = await Promise.all([
    probePopup({
      url: options.urls.service_7411,
      timeoutMs: options.timeoutMs,
      popupTimeoutMs: options.popupTimeoutMs,
    }),
    probeVlm({
      url: options.urls.service_8000,
      model: options.vlmModel,
      apiKey: options.vlmApiKey,
      timeoutMs: options.timeoutMs,
    }),
  ]);
  return { mode: serviceMode(services), services };
}
