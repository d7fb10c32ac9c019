import type { QualifyOptions } from "../../../shared/options/resolve-options.ts";
import { platformSettings, type PlatformEnvironment, type PlatformSettings } from "../platform-environment.ts";

/** Autocapture NX's environment variables, as its adapter declares them. */
export const AUTOCAPTURE_ENVIRONMENT: PlatformEnvironment = {
  prefix: "AUTOCAPTURE_",
  // The suite gives every run its own config dir, data dir and root: the user's values reach it as options.
  ownedBySuite: ["AUTOCAPTURE_CONFIG_DIR", "AUTOCAPTURE_DATA_DIR", "AUTOCAPTURE_ROOT"],
  configDirVariable: "AUTOCAPTURE_CONFIG_DIR",
  dataDirVariable: "AUTOCAPTURE_DATA_DIR",
  vlmModel: { variable: "AUTOCAPTURE_VLM_MODEL", fallback: "internvl3_5_8b" },
  servicesConfiguredBy: ["AUTOCAPTURE_VLM_ROOT_URL", "AUTOCAPTURE_DEVTOOLS_BASE_URL"],
};

const settingsCache = new WeakMap<object, PlatformSettings>();

/** Autocapture NX's settings of these options (computed once per options object: they are immutable). */
export function autocaptureSettings(options: Pick<QualifyOptions, "environment" | "cwd">): PlatformSettings {
  let settings = settingsCache.get(options);
  if (!settings) settingsCache.set(options, (settings = platformSettings(options, AUTOCAPTURE_ENVIRONMENT)));
  return settings;
}
