import { isPlainObject } from "../../../../shared/json/deep-merge.ts";
import type { AlignRefusal } from "../../align-port.ts";

/** The file `qualify align` edits: the platform's shipped defaults (user.json is the user's, never edited). */
export const DEFAULT_CONFIG_REL = "config/default.json";

/** `plugins`, once `checkAlignableConfig` accepted the file. */
export const pluginsOf = (config: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> =>
  isPlainObject(config.plugins) ? config.plugins : {};

const invalid = (detail: string): AlignRefusal => ({
  code: "CONFIG_INVALID",
  detail: `${DEFAULT_CONFIG_REL}: ${detail}`,
  file: DEFAULT_CONFIG_REL,
});

/** `plugins` and its three aligned keys must have the platform's types before a patch can be planned. */
export function checkAlignableConfig(plain: unknown): AlignRefusal | null {
  if (!isPlainObject(plain) || !isPlainObject(plain.plugins)) return invalid("/plugins must be an object");
  const plugins = plain.plugins;
  for (const key of ["allowlist", "default_pack"] as const) {
    const value = plugins[key];
    if (value !== undefined && !(Array.isArray(value) && value.every((item) => typeof item === "string")))
      return invalid(`/plugins/${key} must be an array of plugin ID strings`);
  }
  const enabled = plugins.enabled;
  if (
    enabled !== undefined &&
    !(isPlainObject(enabled) && Object.values(enabled).every((value) => typeof value === "boolean"))
  )
    return invalid("/plugins/enabled must be an object of {plugin_id: boolean}");
  return null;
}
