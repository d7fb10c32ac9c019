import { readFileSync } from "node:fs";
import type { QueryHosting } from "../../../../../contracts/query-run.ts";
import { compareCodePoints } from "../../../../shared/canonical/canonical-json.ts";
import type { EffectiveConfig } from "../config/effective-config.ts";

/** The platform's WSL test (registry `_is_wsl`): the kernel release names Microsoft. */
function isWsl(): boolean {
  try {
    return /microsoft/i.test(readFileSync("/proc/sys/kernel/osrelease", "utf8"));
  } catch {
    return false;
  }
}

/**
 * How `python -m autocapture_nx query` hosts its plugins, by the registry's own rules (`load_plugins`): the
 * config's `plugins.hosting.mode`, overridden by AUTOCAPTURE_PLUGINS_HOSTING_MODE; inproc when the registry is
 * built with `--safe-mode` and safe_mode_minimal is on (the query's metadata-only profile turns minimal on in
 * config, but the CLI builds the registry with its own `--safe-mode` flag, so without that flag the query runs
 * under the configured mode); WSL forces inproc unless the env chose the mode. `chosen` is QUALIFY_QUERY_HOSTING
 * when the user asked for inproc.
 */
export function queryHosting(
  config: EffectiveConfig,
  env: Readonly<Record<string, string>>,
  cliSafeMode: boolean,
  chosen: "platform" | "inproc",
): QueryHosting {
  const hosting = config.plugins.hosting;
  const inproc_allowlist = [...new Set(hosting.inprocAllowlist.map((id) => id.trim()).filter((id) => id !== ""))].sort(
    compareCodePoints,
  );
  if (chosen === "inproc")
    return {
      mode: "inproc",
      inproc_allowlist,
      source:
        "QUALIFY_QUERY_HOSTING=inproc (AUTOCAPTURE_PLUGINS_HOSTING_MODE=inproc, inproc_allow_all in the run's user.json)",
    };
  const envMode = (env.AUTOCAPTURE_PLUGINS_HOSTING_MODE ?? "").trim().toLowerCase();
  let mode = envMode || hosting.mode;
  let source = envMode ? "env AUTOCAPTURE_PLUGINS_HOSTING_MODE" : "config plugins.hosting.mode";
  if (cliSafeMode && config.plugins.safeModeMinimal) [mode, source] = ["inproc", "--safe-mode with safe_mode_minimal"];
  if (!envMode && mode === "subprocess" && hosting.wslForceInproc && isWsl())
    [mode, source] = ["inproc", "WSL (plugins.hosting.wsl_force_inproc)"];
  return { mode: mode === "inproc" ? "inproc" : "subprocess", inproc_allowlist, source };
}
