/**
 * What align reports but does not (cannot) change: each is printed with the patch, so an aligned config that
 * still leaves a plugin red never looks like success. None blocks the patch; a user config that overrides an
 * aligned key does (that is a refusal, `USER_CONFIG_OVERRIDES`). The inventory gives the first two codes, the
 * platform's align port the others.
 */
export const ALIGN_LIMITATION_CODES = [
  "QUARANTINED",
  "RETIRED_WITHOUT_RECORD",
  "SAFE_MODE_MINIMAL",
  "UNREFERENCED_MANIFEST",
] as const;
export type AlignLimitationCode = (typeof ALIGN_LIMITATION_CODES)[number];

export interface AlignLimitation {
  readonly code: AlignLimitationCode;
  readonly plugin_id: string | null;
  readonly detail: string;
}
