/**
 * Closed codes for "this writing command will not run on this target". A refusal is decided before the first
 * byte is written, so a refused command leaves the target exactly as it found it.
 */
const WRITE_REFUSAL_CODES = [
  // inputs
  "REASON_MISSING",
  "REASON_INVALID",
  "OPTIONS_INVALID",
  // the file being written
  "TARGET_FILE_MISSING",
  "TARGET_FILE_UNREADABLE",
  "TARGET_FILE_SYMLINK",
  "TARGET_FILE_CHANGED",
  "LOCKFILE_INVALID",
  "LOCKFILE_DIRTY",
  "GIT_STATUS_FAILED",
  // the archive
  "HISTORY_DIR_SYMLINK",
  "HISTORY_DIR_NOT_WRITABLE",
  // lock entries
  "PLUGIN_NOT_FOUND",
  "PLUGIN_DUPLICATE_MANIFEST",
  "PLUGIN_DIR_SYMLINK",
  "PLUGIN_UNREADABLE",
  "MANIFEST_UNREADABLE",
  "SBOM_UNSUPPORTED",
  "CONTRACT_LOCK_MISSING",
  "KERNEL_VERSION_UNKNOWN",
  "FORMAT_CHANGE_NEEDS_ALL",
  // lock signature
  "SIGNATURE_SYMLINK",
  "SIGNATURE_NOT_WRITABLE",
  "SIGNATURE_KEY_UNAVAILABLE",
  // rollback / diff
  "SNAPSHOT_INVALID",
  "SNAPSHOT_NOT_FOUND",
  // align
  "CONFIG_INVALID",
  "CONFIG_FORMAT_UNSUPPORTED",
  "CONFIG_DUPLICATE_KEY",
  "INVENTORY_INPUT_INVALID",
  "USER_CONFIG_OVERRIDES",
] as const;
export type WriteRefusalCode = (typeof WRITE_REFUSAL_CODES)[number];

/** Thrown by a writer's preflight; commands turn it into `{ok: false, code, detail, file}` and exit 1. */
export class WriteRefusal extends Error {
  constructor(
    readonly code: WriteRefusalCode,
    readonly detail: string,
    readonly file: string | null = null,
  ) {
    super(`${code}: ${detail}`);
    this.name = "WriteRefusal";
  }

  toJSON(): { ok: false; code: WriteRefusalCode; detail: string; file: string | null } {
    return { ok: false, code: this.code, detail: this.detail, file: this.file };
  }
}

export function isWriteRefusal(error: unknown): error is WriteRefusal {
  return error instanceof WriteRefusal;
}
