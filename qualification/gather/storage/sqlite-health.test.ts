import { chmodSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { describe, expect, onTestFinished, test } from "vitest";
import { tempDir } from "../../../setup/testing/example-copy.ts";
import { SUITE_ROOT } from "../../shared/options/resolve-options.ts";
import { runCommand } from "../../shared/process/run-command.ts";
import { probeSqliteHealth } from "./sqlite-health.ts";
import { probeStorage, storageHealthy } from "./storage-health.ts";
import {
  corruptHeader,
  directoryInPlace,
  holdExclusiveLock,
  makeUnreadable,
  seedDb,
  truncateDb,
} from "./testing/db-faults.ts";
import { metadataDbPaths } from "./metadata-db-paths.ts";
import { withoutDacOverride } from "./testing/without-dac-override.ts";

const required = { required: true } as const;

/** A temp dir a non-root user can traverse (mkdtemp makes 0700), so only the file's own mode can block it. */
function sharedDir(): string {
  const dir = tempDir("sqlite-health");
  chmodSync(dir, 0o755);
  return dir;
}

describe("probeSqliteHealth on real files", () => {
  test("the pristine corpus is healthy, and probing it creates no file", () => {
    const dir = sharedDir();
    const path = seedDb(dir);
    const { health, readMs } = probeSqliteHealth(path, "metadata.db", required);
    expect(health).toEqual({
      file: "metadata.db",
      present: true,
      healthy: true,
      error_class: null,
      error: null,
      quick_check: "ok",
      page_count: 12,
      journal_mode: "delete",
      wal_file: false,
      read_mode: "direct_ro",
      record_count: 30,
    });
    expect(readMs).toBeGreaterThanOrEqual(0);
    expect(readdirSync(dir)).toEqual(["metadata.db"]);
  });

  test("a missing required DB is cannot_open and is not created; a missing live replica is just absent", () => {
    const dir = sharedDir();
    expect(probeSqliteHealth(join(dir, "metadata.db"), "metadata.db", required).health).toMatchObject({
      present: false,
      healthy: false,
      error_class: "cannot_open",
    });
    expect(
      probeSqliteHealth(join(dir, "metadata.live.db"), "metadata.live.db", { required: false }).health,
    ).toMatchObject({ present: false, healthy: true, error_class: null });
    expect(readdirSync(dir)).toEqual([]);
  });

  test("a truncated file is corrupt", () => {
    const path = seedDb(sharedDir());
    truncateDb(path);
    expect(probeSqliteHealth(path, "metadata.db", required).health).toMatchObject({
      healthy: false,
      error_class: "corrupt",
      error: expect.stringMatching(/malformed/),
    });
  });

  test("a corrupted header is not_a_database", () => {
    const path = seedDb(sharedDir());
    corruptHeader(path);
    expect(probeSqliteHealth(path, "metadata.db", required).health).toMatchObject({
      healthy: false,
      error_class: "not_a_database",
      error: "SQLITE_NOTADB: file is not a database",
    });
  });

  test("a DB held under BEGIN EXCLUSIVE by another process is busy_locked, at once and without writing", async () => {
    const dir = sharedDir();
    const path = seedDb(dir);
    const holder = await holdExclusiveLock(path);
    onTestFinished(() => holder.stop());
    const started = performance.now();
    expect(probeSqliteHealth(path, "metadata.db", required).health).toMatchObject({
      healthy: false,
      error_class: "busy_locked",
      error: "SQLITE_BUSY: database is locked",
    });
    expect(performance.now() - started).toBeLessThan(2000);
    await holder.stop();
    expect(probeSqliteHealth(path, "metadata.db", required).health.healthy).toBe(true);
  });

  test("a directory in the file's place is an io_error (SQLite's own SQLITE_IOERR_READ)", () => {
    const path = directoryInPlace(sharedDir());
    expect(probeSqliteHealth(path, "metadata.db", required).health).toMatchObject({
      present: true,
      healthy: false,
      error_class: "io_error",
      error: "SQLITE_IOERR_READ: disk I/O error",
    });
  });

  test("an empty file has no metadata table: not_a_database", () => {
    const path = seedDb(sharedDir());
    truncateDb(path, 0);
    expect(probeSqliteHealth(path, "metadata.db", required).health).toMatchObject({
      healthy: false,
      error_class: "not_a_database",
    });
  });

  test("a WAL-mode DB without -wal/-shm is probed as a snapshot, so nothing appears beside it", () => {
    const dir = sharedDir();
    const path = seedDb(dir);
    execFileSync("python3", [
      "-c",
      "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('PRAGMA journal_mode=WAL'); c.close()",
      path,
    ]);
    expect(readdirSync(dir)).toEqual(["metadata.db"]);
    expect(probeSqliteHealth(path, "metadata.db", required).health).toMatchObject({
      healthy: true,
      journal_mode: "wal",
      wal_file: false,
      read_mode: "snapshot",
      record_count: 30,
    });
    expect(readdirSync(dir)).toEqual(["metadata.db"]);
  });

  /**
   * Tests run as root, and root reads a mode-000 file regardless. So the probe runs in a child without the
   * file-mode override capabilities when we are root — the same code, with real permissions in force — and
   * in-process otherwise. The control run on the same file with mode 0644 shows it is the mode that blocks.
   */
  test("an unreadable file (mode 000) is cannot_open for a reader bound by file modes", async () => {
    const path = seedDb(sharedDir());
    makeUnreadable(path);
    const probeBoundByModes = async (): Promise<unknown> => {
      if (process.getuid?.() !== 0) return probeSqliteHealth(path, "metadata.db", required).health;
      const run = await runCommand({
        ...withoutDacOverride(process.execPath, [
          "--import",
          "tsx",
          "qualification/gather/storage/testing/probe-health-cli.ts",
          path,
        ]),
        cwd: SUITE_ROOT,
        env: {},
        timeoutMs: 30_000,
      });
      expect(run.exitCode, run.stderr).toBe(0);
      return JSON.parse(run.stdout);
    };
    expect(await probeBoundByModes()).toMatchObject({
      present: true,
      healthy: false,
      error_class: "cannot_open",
      error: "SQLITE_CANTOPEN: unable to open database file",
    });
    chmodSync(path, 0o644);
    expect(await probeBoundByModes()).toMatchObject({ healthy: true, record_count: 30 });
  });
});

describe("probeStorage / storageHealthy", () => {
  test("primary plus absent live replica is healthy; a broken live replica is not", () => {
    const dir = sharedDir();
    seedDb(dir);
    const probe = probeStorage(metadataDbPaths(dir));
    expect(probe.health.map((db) => [db.file, db.present, db.healthy])).toEqual([
      ["metadata.db", true, true],
      ["metadata.live.db", false, true],
    ]);
    expect(storageHealthy(probe.health)).toBe(true);
    corruptHeader(seedDb(dir, "metadata.live.db"));
    expect(storageHealthy(probeStorage(metadataDbPaths(dir)).health)).toBe(false);
  });

  test("no readable DB at all is unhealthy; a healthy live replica covers a missing primary", () => {
    const dir = sharedDir();
    expect(storageHealthy(probeStorage(metadataDbPaths(dir)).health)).toBe(false);
    seedDb(dir, "metadata.live.db");
    expect(storageHealthy(probeStorage(metadataDbPaths(dir)).health)).toBe(true);
  });
});
