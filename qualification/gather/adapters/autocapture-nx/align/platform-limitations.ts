import { compareCodePoints } from "../../../../shared/canonical/canonical-json.ts";
import type { AlignLimitation } from "../../align-limitation.ts";

/** The effective config's switches that decide what an edit of default.json can change. */
export interface LimitingFacts {
  readonly safeMode: boolean;
  readonly safeModeMinimal: boolean;
  readonly quarantine: readonly string[];
}

/**
 * What Autocapture NX leaves standing whatever align writes to default.json: safe-mode-minimal's provider
 * closure replaces the enabled set, and a kept plugin the user quarantined stays off until they lift it.
 */
export function platformLimitations(facts: LimitingFacts, keep: readonly string[]): AlignLimitation[] {
  const limitations: AlignLimitation[] = [];
  if (facts.safeMode && facts.safeModeMinimal)
    limitations.push({
      code: "SAFE_MODE_MINIMAL",
      plugin_id: null,
      detail:
        "safe-mode-minimal replaces the enabled set with the provider closure of kernel.safe_mode_required_capabilities; no allowlist/enabled/default_pack edit changes that",
    });
  const kept = new Set(keep);
  for (const id of facts.quarantine.filter((q) => kept.has(q)).sort(compareCodePoints))
    limitations.push({
      code: "QUARANTINED",
      plugin_id: id,
      detail: `${id} is quarantined in user.json plugins.quarantine; align does not edit user.json: remove it there once the crash loop is fixed`,
    });
  return limitations;
}
