import { autocaptureNx } from "./autocapture-nx/open-adapter.ts";
import { OptionsError } from "../../shared/options/resolve-options.ts";
import type { PlatformAdapter } from "./platform-adapter.ts";

/** The adapters a run can select by name (QUALIFY_ADAPTER); the first is the default. */
export type AdapterRegistry = Readonly<Record<string, PlatformAdapter>>;

export const DEFAULT_ADAPTER = autocaptureNx.name;

export const ADAPTERS: AdapterRegistry = { [autocaptureNx.name]: autocaptureNx };

/** The adapter named, or a usage error naming the ones there are. */
export function adapterNamed(name: string, registry: AdapterRegistry = ADAPTERS): PlatformAdapter {
  const adapter = Object.hasOwn(registry, name) ? registry[name] : undefined;
  if (!adapter)
    throw new UnknownAdapterError(
      `QUALIFY_ADAPTER: no adapter named "${name}" (known: ${Object.keys(registry).sort().join(", ")})`,
    );
  return adapter;
}

/** A usage error (exit 2), like any other unusable option. */
export class UnknownAdapterError extends OptionsError {}
