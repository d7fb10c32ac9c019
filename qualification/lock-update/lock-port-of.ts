import { adapterNamed, type AdapterRegistry } from "../adapters/adapter-registry.ts";
import type { LockPort } from "../adapters/lock-port.ts";
import { OptionsError } from "../options/resolve-options.ts";

/** A usage error (exit 2): the selected platform has no lockfile the suite knows how to write. */
export class NoLockPortError extends OptionsError {}

/** The selected adapter's lock port, or a usage error naming the adapter (never a crash or a silent skip). */
export function lockPortOf(adapterName: string, registry?: AdapterRegistry): LockPort {
  const adapter = adapterNamed(adapterName, registry);
  if (!adapter.lock)
    throw new NoLockPortError(
      `QUALIFY_ADAPTER: the ${adapter.name} adapter has no lock port: lock update, rollback and diff cannot run on its targets`,
    );
  return adapter.lock;
}
