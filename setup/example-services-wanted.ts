import { resolve } from "node:path";
import { ADAPTERS } from "../qualification/gather/adapters/adapter-registry.ts";
import { platformSettings } from "../qualification/gather/adapters/platform-environment.ts";
import { SUITE_ROOT, type QualifyOptions } from "../qualification/shared/options/resolve-options.ts";

const OFF = ["0", "off", "false", "no"];

/**
 * Start the bundled example's loopback fixture services for this run (qualify mode's global setup): only when
 * the target is the bundled example, no service URL was given — the suite's own or one the platform's adapter
 * declares (`servicesConfiguredBy`) — and QUALIFY_EXAMPLE_SERVICES is not `off`.
 */
export function exampleServicesWanted(options: QualifyOptions): boolean {
  const env = options.environment;
  if (options.target !== resolve(SUITE_ROOT, "fixtures/example-platform")) return false;
  if (OFF.includes((env.QUALIFY_EXAMPLE_SERVICES ?? "").toLowerCase())) return false;
  if (env.QUALIFY_SERVICE_7411_URL || env.QUALIFY_SERVICE_8000_URL) return false;
  // An unknown adapter is the run's own usage error to report; here it names no service variable.
  const adapter = Object.hasOwn(ADAPTERS, options.adapter) ? ADAPTERS[options.adapter] : undefined;
  return adapter === undefined || !platformSettings(options, adapter.environment).servicesConfigured;
}
