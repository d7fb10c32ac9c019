import type { SqliteErrorClass } from "../../../contracts/query-run.ts";

/**
 * SQLite failures in the five classes the suite reports (the failure classes of `tools/run_non_vlm_readiness.py`
 * `_failure_class_for_step`), from either side:
 * - our own read-only probe (better-sqlite3 `SqliteError.code`, e.g. `SQLITE_IOERR_SHORT_READ`, or a Node `fs` code);
 * - the platform's text (`OperationalError: database is locked`, `disk I/O error`, …) in a query result.
 * Extended result codes share their primary code's prefix, so the prefix decides. Returns null for anything
 * that is not a storage error, so a caller never files a plugin bug under I/O by accident.
 */
const BY_CODE: ReadonlyArray<readonly [RegExp, SqliteErrorClass]> = [
  [/^SQLITE_IOERR/, "io_error"],
  [/^SQLITE_(BUSY|LOCKED)/, "busy_locked"],
  [/^SQLITE_CORRUPT/, "corrupt"],
  [/^SQLITE_NOTADB/, "not_a_database"],
  [/^SQLITE_(CANTOPEN|READONLY|PERM|AUTH)/, "cannot_open"],
  [/^(ENOENT|EISDIR|ENOTDIR|EACCES|EPERM|ELOOP)$/, "cannot_open"],
  [/^(EIO|ENXIO)$/, "io_error"],
];

/**
 * Message patterns (lower-cased), the transient markers of `autocapture_nx/kernel/sqlite_reads.py`
 * `_looks_transient_sqlite_error` among them. Order matters: most specific first.
 */
const BY_TEXT: ReadonlyArray<readonly [RegExp, SqliteErrorClass]> = [
  [/disk i\/o error|\bioerr\b|sqlite_ioerr|input\/output error/, "io_error"],
  [/database (table )?is locked|sqlite_busy|\bdatabase is busy\b|\bbusy\b/, "busy_locked"],
  [/database disk image is malformed|sqlite_corrupt|\bcorrupt/, "corrupt"],
  // A readable SQLite file without the metadata table is not a metadata DB either.
  [
    /file is not a database|file is encrypted or is not a database|sqlite_notadb|no such table: metadata/,
    "not_a_database",
  ],
  [
    /unable to open database file|readonly database|attempt to write a readonly database|no such file|is a directory|permission denied/,
    "cannot_open",
  ],
];

export function classifySqliteCode(code: string | null | undefined): SqliteErrorClass | null {
  if (!code) return null;
  for (const [pattern, cls] of BY_CODE) if (pattern.test(code)) return cls;
  return null;
}

export function classifySqliteText(text: string | null | undefined): SqliteErrorClass | null {
  if (!text) return null;
  const lower = text.toLowerCase();
  for (const [pattern, cls] of BY_TEXT) if (pattern.test(lower)) return cls;
  return null;
}

/** A thrown value from better-sqlite3 or `fs`: the code first (exact), the message as a fallback. */
export function classifySqliteError(error: unknown): SqliteErrorClass | null {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    classifySqliteCode(typeof code === "string" ? code : null) ??
    classifySqliteText(error instanceof Error ? error.message : String(error))
  );
}

/** Whether a platform error text reports a write attempt (counted separately from reads in telemetry). */
export function isWriteErrorText(text: string): boolean {
  return /readonly database|attempt to write/i.test(text);
}
