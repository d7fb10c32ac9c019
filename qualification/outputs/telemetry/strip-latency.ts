import { BundleTelemetry, Telemetry } from "../../../contracts/telemetry.ts";
import { stableJson } from "../../shared/canonical/canonical-json.ts";

export const TELEMETRY_FILE = "telemetry.json";

/** Every member whose key ends in `_ms` removed, at any depth: what is left is a pure function of the run's inputs. */
export function stripLatency(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripLatency);
  if (value !== null && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([key]) => !key.endsWith("_ms"))
        .map(([key, v]) => [key, stripLatency(v)]),
    );
  return value;
}

/**
 * The proof bundle's copy of an optional output file. telemetry.json carries latencies, which differ on every
 * run, while the bundle's payload must be byte-identical across runs apart from run.json: so the bundle holds
 * telemetry.json without its `*_ms` members and marked deterministic (contracts' `BundleTelemetry`);
 * QUALIFY_OUT/telemetry.json keeps them. Other files are copied as is.
 */
export function bundleCopyOf(name: string, bytes: Uint8Array): Uint8Array {
  if (name !== TELEMETRY_FILE) return bytes;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(bytes).toString("utf8"));
  } catch {
    parsed = undefined;
  }
  const telemetry = Telemetry.safeParse(parsed);
  // Not telemetry (a damaged or foreign file): copied as is, so verification still sees exactly what was there.
  if (!telemetry.success) return bytes;
  const copy = BundleTelemetry.parse({ ...(stripLatency(telemetry.data) as object), deterministic: true });
  return Buffer.from(stableJson(copy), "utf8");
}
