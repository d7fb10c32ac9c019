import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { trackDir, untrackDir } from "../../shared/process/run-resources.ts";
import Database from "better-sqlite3";
import type { MetadataDbPaths } from "./metadata-db-paths.ts";
import type { MetadataDbFile } from "./sqlite-health.ts";
import { needsSnapshot } from "./sqlite-health.ts";

/** A `metadata` row as stored: `payload` is the exact column text (its bytes are what `record_hash` covers). */
export interface CorpusRecord {
  readonly id: string;
  readonly payload: string;
  readonly db: MetadataDbFile;
}

export type CorpusLookup =
  | { readonly found: true; readonly record: CorpusRecord }
  | { readonly found: false; readonly unreadable: string | null };

export interface CorpusReader {
  /**
   * Primary first, then the live replica (the order `tools/run_non_vlm_readiness.py` `_resolve_metadata_db_path`
   * resolves them in).
   */
  lookup(recordId: string): CorpusLookup;
  close(): void;
}

interface OpenDb {
  readonly file: MetadataDbFile;
  readonly db: Database.Database | null;
  readonly error: string | null;
}

/**
 * Reads cited records from a platform data dir, read-only: `readonly` + `fileMustExist`, zero busy timeout,
 * WAL files without their pair read from a private snapshot (as the health probe does). Never writes or
 * creates anything beside the DBs. A DB that cannot be read makes a lookup `unreadable`, never "not found".
 */
export function openCorpusReader(paths: MetadataDbPaths): CorpusReader {
  const snapshots: string[] = [];
  const open = (file: MetadataDbFile): OpenDb | null => {
    let path = paths[file];
    if (!existsSync(path)) return null;
    try {
      if (needsSnapshot(path)) {
        const dir = trackDir(mkdtempSync(join(tmpdir(), "qualify-corpus-snapshot-")));
        snapshots.push(dir);
        copyFileSync(path, join(dir, "snapshot.db"));
        if (existsSync(`${path}-wal`)) copyFileSync(`${path}-wal`, join(dir, "snapshot.db-wal"));
        path = join(dir, "snapshot.db");
      }
      return { file, db: new Database(path, { readonly: true, fileMustExist: true, timeout: 0 }), error: null };
    } catch (error) {
      return {
        file,
        db: null,
        error: `${file}: ${(error as { code?: string }).code ?? "error"}: ${(error as Error).message}`,
      };
    }
  };
  const dbs = (["metadata.db", "metadata.live.db"] as const).map(open).filter((d): d is OpenDb => d !== null);
  const memo = new Map<string, CorpusLookup>();
  return {
    lookup(recordId) {
      const known = memo.get(recordId);
      if (known) return known;
      const errors: string[] = [];
      let result: CorpusLookup | null = null;
      for (const entry of dbs) {
        if (!entry.db) {
          errors.push(entry.error ?? `${entry.file}: unreadable`);
          continue;
        }
        try {
          const row = entry.db.prepare("SELECT id, payload FROM metadata WHERE id = ? ORDER BY id").get(recordId) as
            { id: string; payload: string } | undefined;
          if (row) {
            result = { found: true, record: { id: row.id, payload: String(row.payload), db: entry.file } };
            break;
          }
        } catch (error) {
          errors.push(`${entry.file}: ${(error as { code?: string }).code ?? "error"}: ${(error as Error).message}`);
        }
      }
      result ??= {
        found: false,
        unreadable:
          errors.length > 0 || dbs.length === 0 ? errors.join("; ") || "no metadata DB in the data dir" : null,
      };
      memo.set(recordId, result);
      return result;
    },
    close() {
      for (const entry of dbs) entry.db?.close();
      for (const dir of snapshots) {
        rmSync(dir, { recursive: true, force: true });
        untrackDir(dir);
      }
    },
  };
}
