import { closeSync, copyFileSync, existsSync, mkdtempSync, openSync, readSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import type { SqliteHealth } from "../../../contracts/query-run.ts";
import { classifySqliteError } from "./sqlite-error-class.ts";

export type MetadataDbFile = SqliteHealth["file"];

/** Health facts (deterministic) plus the read latency, which belongs in telemetry only. */
export interface SqliteProbe {
  readonly health: SqliteHealth;
  readonly readMs: number | null;
}

export interface SqliteProbeOptions {
  /** A required DB that is absent is unhealthy (`cannot_open`); an optional one (the live replica) is just absent. */
  readonly required: boolean;
}

function oneLine(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  return typeof code === "string" && !message.includes(code) ? `${code}: ${message}` : message;
}

/**
 * Whether opening `path` read-only in place would make SQLite create files beside it: a WAL-mode DB without its
 * `-wal`/`-shm` pair. Such a DB is read from a private snapshot copy instead.
 */
export function needsSnapshot(path: string): boolean {
  return isWalHeader(path) && !(existsSync(`${path}-wal`) && existsSync(`${path}-shm`));
}

/** Header bytes 18/19 are 2 in WAL mode. Read with a plain fd: no SQLite involved, nothing created. */
function isWalHeader(path: string): boolean {
  let fd: number | null = null;
  try {
    fd = openSync(path, "r");
    const header = Buffer.alloc(20);
    return (
      readSync(fd, header, 0, 20, 0) === 20 &&
      header.subarray(0, 16).toString("latin1") === "SQLite format 3\0" &&
      header[18] === 2
    );
  } catch {
    return false; // not a readable file: SQLite will say why below
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

function inspect(path: string, facts: SqliteHealth, readonly: boolean): SqliteProbe {
  let db: Database.Database | null = null;
  try {
    db = new Database(path, { readonly, fileMustExist: true, timeout: 0 });
    facts.journal_mode = String(db.pragma("journal_mode", { simple: true }));
    facts.page_count = Number(db.pragma("page_count", { simple: true }));
    const check = (db.pragma("quick_check") as Array<{ quick_check: string }>).map((row) => row.quick_check);
    facts.quick_check = check.join("; ");
    if (check.length !== 1 || check[0] !== "ok")
      return { health: { ...facts, error_class: "corrupt", error: `quick_check: ${facts.quick_check}` }, readMs: null };
    const started = performance.now();
    facts.record_count = Number(db.prepare("SELECT count(*) AS n FROM metadata").pluck().get());
    const readMs = performance.now() - started;
    return { health: { ...facts, healthy: true }, readMs };
  } catch (error) {
    return {
      health: { ...facts, error_class: classifySqliteError(error) ?? "io_error", error: oneLine(error) },
      readMs: null,
    };
  } finally {
    db?.close();
  }
}

/**
 * Probes one SQLite file without ever writing or creating anything next to it: `readonly` + `fileMustExist`
 * (no create, no write lock) and a zero busy timeout, so a writer's exclusive lock is an immediate
 * `SQLITE_BUSY`, not a hang. Steps: stat → open → `journal_mode`, `page_count` → `quick_check` → timed
 * `SELECT count(*) FROM metadata`; the first failing step decides the error class. A WAL-mode file without
 * its `-wal`/`-shm` pair is probed as a private snapshot, since SQLite would create those beside it.
 */
export function probeSqliteHealth(path: string, file: MetadataDbFile, options: SqliteProbeOptions): SqliteProbe {
  const walFile = existsSync(`${path}-wal`);
  const base: SqliteHealth = {
    file,
    present: false,
    healthy: false,
    error_class: null,
    error: null,
    quick_check: null,
    page_count: null,
    journal_mode: null,
    wal_file: walFile,
    read_mode: null,
    record_count: null,
  };
  try {
    statSync(path);
  } catch (error) {
    if ((error as { code?: string }).code === "ENOENT") {
      return options.required
        ? { health: { ...base, error_class: "cannot_open", error: `${file} is missing` }, readMs: null }
        : { health: { ...base, healthy: true }, readMs: null };
    }
    return {
      health: { ...base, error_class: classifySqliteError(error) ?? "cannot_open", error: oneLine(error) },
      readMs: null,
    };
  }
  // Anything else that exists (a directory in the file's place, a device) is left to SQLite: its own error
  // (a directory reads as SQLITE_IOERR_READ, "disk I/O error") is what the platform sees too.
  if (!isWalHeader(path) || (walFile && existsSync(`${path}-shm`)))
    return inspect(path, { ...base, present: true, read_mode: "direct_ro" }, true);
  const dir = mkdtempSync(join(tmpdir(), "qualify-sqlite-snapshot-"));
  try {
    const copy = join(dir, "snapshot.db");
    copyFileSync(path, copy);
    if (walFile) copyFileSync(`${path}-wal`, `${copy}-wal`);
    // The copy is ours: opened writable so SQLite may replay the WAL into it.
    return inspect(copy, { ...base, present: true, read_mode: "snapshot" }, false);
  } catch (error) {
    return {
      health: {
        ...base,
        present: true,
        read_mode: "snapshot",
        error_class: classifySqliteError(error) ?? "io_error",
        error: oneLine(error),
      },
      readMs: null,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
