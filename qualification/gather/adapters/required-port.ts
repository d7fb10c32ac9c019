import { OptionsError } from "../../shared/options/resolve-options.ts";
import { ADAPTERS, adapterNamed, type AdapterRegistry } from "./adapter-registry.ts";
import type { PlatformAdapter } from "./platform-adapter.ts";

/** The members of the port a platform may leave out: the commands that need one then refuse to run on it. */
export type OptionalPort = {
  [K in keyof PlatformAdapter]-?: undefined extends PlatformAdapter[K] ? K : never;
}[keyof PlatformAdapter];

/**
 * The member `command` needs from the adapter named (QUALIFY_ADAPTER), or a usage error naming that adapter when
 * it does not offer it: a command never half-runs, or quietly runs another platform's code, on a platform it
 * cannot serve.
 */
export function requiredPort<K extends OptionalPort>(
  adapterName: string,
  member: K,
  command: string,
  registry: AdapterRegistry = ADAPTERS,
): NonNullable<PlatformAdapter[K]> {
  const adapter = adapterNamed(adapterName, registry);
  const port = adapter[member];
  if (port === undefined)
    throw new MissingPortError(
      `QUALIFY_ADAPTER: the adapter "${adapter.name}" cannot run \`qualify ${command}\` (it offers no ${member} port)`,
    );
  return port as NonNullable<PlatformAdapter[K]>;
}

/** A usage error (exit 2): the selected platform does not support the command. */
export class MissingPortError extends OptionsError {}
