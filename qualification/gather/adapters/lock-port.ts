import type { QualifyOptions } from "../../shared/options/resolve-options.ts";

/** One plugin's lock entry: the engine diffs and reports it field by field, never interprets it. */
export type LockEntryData = Readonly<Record<string, unknown>>;

/** A lock document as the engine sees it: plugin ID → entry, plus top-level fields it diffs but never interprets. */
export interface LockDocument {
  readonly plugins: Readonly<Record<string, LockEntryData>>;
  readonly [field: string]: unknown;
}

/** A lockfile's text, read in one of the platform's formats (`format` is the platform's name for it). */
export type LockParse =
  | { readonly ok: true; readonly document: LockDocument; readonly format: string }
  | { readonly ok: false; readonly code: string; readonly detail: string };

/** Where a target's lock files live under its effective config, absolute. */
export interface LockLocation {
  readonly lockfile: string;
  /** The append-only directory of snapshots (history) next to the lockfile. */
  readonly historyDir: string;
  /** The signature file when the user names none. */
  readonly signature: string;
}

/** What a re-lock changes: the plugins (already selected) and whether they are every discovered one. */
export interface RelockRequest {
  readonly document: LockDocument;
  readonly format: string;
  /** Code-point sorted, from `RelockTarget.selectPlugins`. */
  readonly pluginIds: readonly string[];
  /** True: every discovered plugin, which rebuilds the map as the platform's own writers do. */
  readonly all: boolean;
  /** Write the platform's richer format from a plainer one (only for a full regeneration). */
  readonly toExtended: boolean;
}

export interface RelockPlan {
  readonly format: string;
  readonly document: LockDocument;
  /** The exact text the platform's own writer produces for `document`. */
  readonly text: string;
  /** Each re-locked plugin's files changed since the lockfile was committed, for review; null = unknown. */
  readonly changedFiles: Record<string, readonly string[] | null>;
}

/** A target opened for re-locking: its lock files and what its plugins hash to now. */
export interface RelockTarget {
  readonly location: LockLocation;
  /** The plugins a re-lock covers, code-point sorted: the requested ones, or every discovered one for null. */
  selectPlugins(requested: readonly string[] | null): string[];
  /** The lockfile after re-locking; a plugin that cannot be hashed or entered exactly is a LockRefusal. */
  relock(request: RelockRequest): Promise<RelockPlan>;
}

/** The instant a snapshot's name records, to the microsecond (names sort by it, not by their text). */
export interface SnapshotInstant {
  readonly at: Date;
  /** Microsecond within the second, 0–999999. */
  readonly microsecond: number;
}

/** How the platform names a snapshot in a history directory: a time, a reason and a tag of the content. */
export interface SnapshotNaming {
  /** The content part of a snapshot's name, as the platform derives it from the file on disk. */
  tagOf(path: string): string;
  /** The file name; throws SnapshotNameError when the reason cannot be part of one. */
  format(input: {
    readonly at: Date;
    readonly microsecond?: number;
    readonly reason: string;
    readonly tag: string;
  }): string;
  /** The instant a snapshot's name records; null when the name is not a snapshot's. */
  parse(fileName: string): SnapshotInstant | null;
}

/** A signing key, ready: its id (reported) and what it writes as the signature file over the lockfile's bytes. */
export interface LockSigner {
  readonly keyId: string;
  sign(lockBytes: Uint8Array): string;
}

/**
 * What `qualify lock update | rollback | diff` need from a platform adapter: where its lock files are, its lock
 * document's formats and bytes, its plugins' current hashes, its history names and its signatures. The commands
 * themselves (preflight, archive before and after, history, rollback, atomic writes, reports) are generic.
 */
export interface LockPort {
  /** The lock files under the effective config read through `configDir` (as a qualification reads it). */
  locate(options: QualifyOptions, configDir: string): Promise<LockLocation>;
  /** The target's lock files and its discovered plugins, for a re-lock. */
  openRelock(options: QualifyOptions, configDir: string): Promise<RelockTarget>;
  parse(text: string, file: string): LockParse;
  /** The text the platform's own writer produces for a document (the signature covers these bytes). */
  render(document: LockDocument): string;
  readonly snapshots: SnapshotNaming;
  /** The keyring's key for signing the lockfile; a LockRefusal when it has none usable. */
  signer(keyringFile: string): LockSigner;
  /** True when an existing signature file already names exactly these lockfile bytes. */
  signatureCovers(signature: Uint8Array, lockBytes: Uint8Array): boolean;
}

/** The refusals a lock port may raise; each is one of the writers' refusal codes. */
export type LockRefusalCode =
  | "PLUGIN_NOT_FOUND"
  | "PLUGIN_DUPLICATE_MANIFEST"
  | "PLUGIN_DIR_SYMLINK"
  | "PLUGIN_UNREADABLE"
  | "MANIFEST_UNREADABLE"
  | "SBOM_UNSUPPORTED"
  | "CONTRACT_LOCK_MISSING"
  | "KERNEL_VERSION_UNKNOWN"
  | "FORMAT_CHANGE_NEEDS_ALL"
  | "SIGNATURE_KEY_UNAVAILABLE";

/** "This lock cannot be written exactly": decided before any byte is written; the command reports it and exits 1. */
export class LockRefusal extends Error {
  constructor(
    readonly code: LockRefusalCode,
    readonly detail: string,
    readonly file: string | null = null,
  ) {
    super(`${code}: ${detail}`);
    this.name = "LockRefusal";
  }
}

/** A snapshot reason that cannot be part of a file name (the platform's naming error, message kept). */
export class SnapshotNameError extends Error {}
