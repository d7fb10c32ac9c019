import { deepMerge, isPlainObject } from "../../../../shared/json/deep-merge.ts";
import { envFlag } from "./env-flag.ts";

/**
 * `kernel.safe_mode_required_capabilities` as the metadata-only query profile sets it (`config.py`
 * `_apply_metadata_only_query_profile`).
 */
const METADATA_ONLY_REQUIRED_CAPABILITIES = [
  "storage.keyring",
  "storage.metadata",
  "storage.media",
  "ledger.writer",
  "journal.writer",
  "anchor.writer",
  "time.intent_parser",
  "retrieval.strategy",
  "answer.builder",
  "citation.validator",
] as const;

export interface LoadStepInputs {
  readonly safeMode: boolean;
  readonly env: Readonly<Record<string, string>>;
  /** The config and data dirs the platform runs with (`apply_path_defaults` always writes them in). */
  readonly configDir: string;
  readonly dataDir: string;
}

type Json = Record<string, unknown>;

/** A copy of `config` with `value` at `path`; a non-object on the way becomes `{}`, as the platform's setters do. */
function setIn(config: Json, path: readonly string[], value: unknown): Json {
  const [head, ...rest] = path as [string, ...string[]];
  const child = isPlainObject(config[head]) ? (config[head] as Json) : {};
  return { ...config, [head]: rest.length === 0 ? value : setIn(child, rest, value) };
}

const objectAt = (config: Json, key: string): Json | null =>
  isPlainObject(config[key]) ? (config[key] as Json) : null;

/**
 * What `autocapture_nx/kernel/config.py` `load_config` applies after the merge, in its order: capture preset →
 * safe-mode overrides (with `--safe-mode`) → metadata-only query profile → storage env overrides → path
 * defaults. Validation (last) sees the result, so keys these steps add (`paths.config_dir`, `paths.data_dir`,
 * `storage.data_dir`) are never reported missing; the registry reads the same result.
 * Storage env overrides only swap one `storage.metadata_path` string for another (explicit env path or the
 * `metadata.live.db` sibling), which changes no plugin verdict and no validation outcome, so they are skipped
 * here; the query tier honours the explicit path where it matters (qualification/gather/storage/metadata-db-paths.ts).
 */
export function applyLoadSteps(merged: Json, inputs: LoadStepInputs): Json {
  let config = merged;
  const capture = objectAt(config, "capture");
  const presetName = capture?.mode_preset;
  const presets = capture ? objectAt(capture, "presets") : null;
  if (
    typeof presetName === "string" &&
    presetName !== "" &&
    presets &&
    Object.hasOwn(presets, presetName) &&
    isPlainObject(presets[presetName])
  )
    config = deepMerge(config, presets[presetName]) as Json;

  const overrides = objectAt(config, "kernel")?.safe_mode_overrides;
  if (inputs.safeMode && isPlainObject(overrides) && Object.keys(overrides).length > 0)
    config = deepMerge(config, overrides) as Json;

  if (
    envFlag(inputs.env.AUTOCAPTURE_QUERY_METADATA_ONLY, false) &&
    envFlag(inputs.env.AUTOCAPTURE_QUERY_MINIMAL_PLUGINS, true)
  ) {
    config = setIn(config, ["plugins", "safe_mode"], true);
    config = setIn(config, ["plugins", "safe_mode_minimal"], true);
    config = setIn(config, ["kernel", "safe_mode_required_capabilities"], [...METADATA_ONLY_REQUIRED_CAPABILITIES]);
    config = setIn(config, ["retrieval", "vector_enabled"], false);
  }

  config = setIn(config, ["paths", "config_dir"], inputs.configDir);
  config = setIn(config, ["paths", "data_dir"], inputs.dataDir);
  return setIn(config, ["storage", "data_dir"], inputs.dataDir);
}
