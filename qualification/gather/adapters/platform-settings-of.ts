import type { QualifyOptions } from "../../shared/options/resolve-options.ts";
import { ADAPTERS, adapterNamed, type AdapterRegistry } from "./adapter-registry.ts";
import { platformSettings, type PlatformSettings } from "./platform-environment.ts";

/**
 * The settings of `options` for the adapter they select (QUALIFY_ADAPTER), for the suite's code outside the
 * adapters (session, query tier, commands): what the platform's own variables say, by its adapter's declaration.
 */
export function platformSettingsOf(
  options: Pick<QualifyOptions, "adapter" | "environment" | "cwd">,
  registry: AdapterRegistry = ADAPTERS,
): PlatformSettings {
  return platformSettings(options, adapterNamed(options.adapter, registry).environment);
}
