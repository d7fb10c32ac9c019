import { pythonCasefold } from "../hashing/python-path-order.ts";
import { pythonStrip } from "../../../../shared/json/python-strip.ts";

/**
 * The platform's `_env_flag(name, default=…)` (`autocapture_nx/kernel/config.py`): the value is stripped and
 * case-folded; `1/true/yes/on` is true, `0/false/no/off` is false, anything else (and unset) is the default.
 * Used for `AUTOCAPTURE_QUERY_METADATA_ONLY` (default false) and `AUTOCAPTURE_QUERY_MINIMAL_PLUGINS` (default true).
 */
export function envFlag(raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined) return fallback;
  const text = pythonCasefold(pythonStrip(raw));
  if (["1", "true", "yes", "on"].includes(text)) return true;
  if (["0", "false", "no", "off"].includes(text)) return false;
  return fallback;
}

/**
 * The registry's reading of `AUTOCAPTURE_SAFE_MODE_MINIMAL`: `os.getenv(name, "").lower() in {"1", "true", "yes"}`
 * (no strip). It can only switch the setting on; any other value leaves the config's `safe_mode_minimal` as is.
 */
export function envSwitchedOn(raw: string | undefined): boolean {
  return raw !== undefined && ["1", "true", "yes"].includes(raw.toLowerCase());
}
