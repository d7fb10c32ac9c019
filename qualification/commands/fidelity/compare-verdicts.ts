import type { Disagreement, FidelityCheck, PlatformPluginView, PlatformView } from "../../../contracts/fidelity.ts";
import { FIDELITY_CHECKS } from "../../../contracts/fidelity.ts";
import type { Verdict } from "../../../contracts/verdict.ts";

/** The suite's side of one variant: its run's config verdict, its plugins' verdicts and its unresolved IDs. */
export interface SuiteView {
  readonly configValid: Verdict;
  readonly plugins: ReadonlyArray<{
    readonly plugin_id: string;
    readonly resolved: boolean;
    readonly verdicts: Readonly<Record<(typeof FIDELITY_CHECKS)[number], Verdict>>;
  }>;
  readonly unresolved: readonly string[];
}

export interface Comparison {
  readonly compared: Record<string, number>;
  readonly disagreements: Disagreement[];
}

const shown = (v: Verdict): string => (v.reason ? `${v.status}:${v.reason}` : v.status);

function platformDetail(check: (typeof FIDELITY_CHECKS)[number], view: PlatformPluginView): string {
  switch (check) {
    case "allowlisted":
      return view.allowlisted ? "in the registry's normalised allowlist" : "not in the registry's normalised allowlist";
    case "hash_ok":
      return view.hash_error ?? "the registry's _check_lock passes";
    case "enabled":
      return view.enabled ? "in the registry's effective enabled set" : "not in the registry's effective enabled set";
    case "loaded":
      return view.loaded
        ? "in load_report loaded"
        : `not loaded${view.load_errors && view.load_errors.length > 0 ? `: ${view.load_errors.join("; ")}` : ""}`;
    case "capability_present":
      return view.capability_present
        ? "every declared capability registered and usable"
        : `missing: ${(view.missing_capabilities ?? []).join(", ") || "(not loaded)"}`;
  }
}

/**
 * Pure: the suite's verdicts on one variant against what the platform's own code says, check by check. A
 * plugin check is compared by status only (pass / fail / not_applicable for a retired plugin); an
 * `infra_error` from the suite is a disagreement too, because the platform did decide. Where the platform
 * rejects the config, nothing else is comparable.
 */
export function compareVerdicts(suite: SuiteView, platform: PlatformView): Comparison {
  const compared: Record<string, number> = {};
  const disagreements: Disagreement[] = [];
  const count = (check: FidelityCheck): void => void (compared[check] = (compared[check] ?? 0) + 1);
  const disagree = (d: Disagreement): void => void disagreements.push(d);

  count("config_valid");
  const platformValid = platform.config_error === null;
  if (platformValid !== (suite.configValid.status === "pass"))
    disagree({
      plugin_id: null,
      check: "config_valid",
      suite: shown(suite.configValid),
      suite_detail: suite.configValid.detail,
      platform: platformValid ? "pass" : "fail",
      platform_detail: platform.config_error ?? "the platform's load_config accepts it",
    });
  if (!platformValid) return { compared, disagreements };

  count("unresolved");
  const ours = [...suite.unresolved].sort();
  const theirs = [...platform.unresolved].sort();
  if (ours.join("\n") !== theirs.join("\n"))
    disagree({
      plugin_id: null,
      check: "unresolved",
      suite: ours.join(", ") || "(none)",
      suite_detail: "referenced IDs no manifest declares",
      platform: theirs.join(", ") || "(none)",
      platform_detail: "config IDs after the registry's alias normalisation that no parsed manifest declares",
    });

  for (const plugin of suite.plugins) {
    if (!plugin.resolved) continue;
    const view = platform.plugins[plugin.plugin_id];
    count("inventory");
    if (!view) {
      disagree({
        plugin_id: plugin.plugin_id,
        check: "inventory",
        suite: "has a manifest",
        suite_detail: "judged as a plugin with a manifest",
        platform: "unknown",
        platform_detail: "no manifest the platform parses declares it",
      });
      continue;
    }
    for (const check of FIDELITY_CHECKS) {
      count(check);
      const verdict = plugin.verdicts[check];
      const expected = view.deprecated ? "not_applicable" : view[check] ? "pass" : "fail";
      if (verdict.status !== expected)
        disagree({
          plugin_id: plugin.plugin_id,
          check,
          suite: shown(verdict),
          suite_detail: verdict.detail,
          platform: expected,
          platform_detail: view.deprecated
            ? "a retired plugin (DEPRECATED_CAPTURE_PLUGIN_IDS)"
            : platformDetail(check, view),
        });
    }
  }
  return { compared, disagreements };
}
