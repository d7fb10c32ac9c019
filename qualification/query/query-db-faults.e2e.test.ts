import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, onTestFinished, test } from "vitest";
import type { QueryRun, SqliteErrorClass } from "../../contracts/query-run.ts";
import type { Telemetry } from "../../contracts/telemetry.ts";
import { EXAMPLE_PLATFORM, optionsFor, tempDir } from "../../setup/testing/example-copy.ts";
import { SUITE_ROOT } from "../shared/options/resolve-options.ts";
import { runCommand } from "../shared/process/run-command.ts";
import { withoutDacOverride } from "../gather/storage/testing/without-dac-override.ts";
import {
  corruptHeader,
  holdExclusiveLock,
  makeUnreadable,
  seedDb,
  truncateDb,
} from "../gather/storage/testing/db-faults.ts";
import { buildTelemetry } from "../outputs/telemetry/build-telemetry.ts";
import { QuerySession } from "./query-session.ts";
import { exampleCase, writeExpected } from "./testing/expected-subset.ts";

/**
 * Each DB fault made for real, then a qualification's query tier run over it: the platform's query fails, the
 * read-only storage probe names the fault's class, and the failure is attributed to storage I/O (`db_io`),
 * never to a plugin. Services are pointed at a closed port: these cases need none.
 */
let scratch: string;
let expectedFile: string;
const DEAD = "http://127.0.0.1:9";

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), "query-db-faults-"));
  expectedFile = writeExpected(scratch, [exampleCase("invoice_due_date")]);
});
afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

const env = (extra: Record<string, string>): Record<string, string> => ({
  QUALIFY_EXPECTED: expectedFile,
  QUALIFY_QUERY_REPEAT: "1",
  QUALIFY_SERVICE_7411_URL: DEAD,
  QUALIFY_SERVICE_8000_URL: DEAD,
  ...extra,
});

async function queryRun(extra: Record<string, string>): Promise<{ run: QueryRun; telemetry: Telemetry }> {
  const outcome = await new QuerySession(optionsFor(EXAMPLE_PLATFORM, env(extra))).run();
  return {
    run: outcome.run,
    telemetry: buildTelemetry({
      services: outcome.run.services,
      query: outcome,
      evidence: { plugins: [] },
      pluginVerdicts: new Map(),
      runVerdicts: null,
    }),
  };
}

function expectDbIo({ run, telemetry }: { run: QueryRun; telemetry: Telemetry }, cls: SqliteErrorClass): void {
  expect(run.storage[0]).toMatchObject({ file: "metadata.db", healthy: false, error_class: cls });
  expect(run.cases[0]!.verdict).toMatchObject({ class: "infra_error", reason: "db_io", attribution: "io" });
  expect(run.cases[0]!.storage_healthy).toBe(false);
  expect(run.cases[0]!.attempts.every((a) => a.answer === null)).toBe(true);
  expect(telemetry.db["metadata.db"].by_class[cls]).toBeGreaterThan(0);
  expect(telemetry.db["metadata.db"].read_errors).toBeGreaterThan(0);
  expect(telemetry.failures).toEqual([
    expect.objectContaining({ kind: "query", id: "invoice_due_date", attribution: "io" }),
  ]);
}

/** A corpus copy with a fault, handed to the harness as QUALIFY_CORPUS_DB (it copies it into a fresh data dir). */
function faultyCorpus(fault: (path: string) => void): string {
  const path = seedDb(tempDir("faulty-corpus"));
  fault(path);
  return path;
}

describe("DB faults through the query path: db_io, never a plugin verdict", () => {
  test("pristine corpus: the case passes and storage is healthy (the control)", async () => {
    const { run } = await queryRun({});
    expect(run.corpus).toMatchObject({ mode: "corpus_copy", sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(run.storage[0]).toMatchObject({ healthy: true, record_count: 30 });
    expect(run.cases[0]!.verdict.class).toBe("pass");
  });

  test("AUTOCAPTURE_STORAGE_METADATA_PATH names a truncated DB: the platform and the probe read that file, not the data dir's good copy", async () => {
    const result = await queryRun({ AUTOCAPTURE_STORAGE_METADATA_PATH: faultyCorpus((p) => truncateDb(p)) });
    expect(result.run.corpus.mode).toBe("corpus_copy");
    expectDbIo(result, "corrupt");
  });

  test("truncated file → corrupt", async () => {
    expectDbIo(await queryRun({ QUALIFY_CORPUS_DB: faultyCorpus((p) => truncateDb(p)) }), "corrupt");
  });

  test("corrupted header → not_a_database", async () => {
    const result = await queryRun({ QUALIFY_CORPUS_DB: faultyCorpus(corruptHeader) });
    expectDbIo(result, "not_a_database");
    expect(result.run.cases[0]!.attempts[0]!.markers).toMatchObject({
      error: "stale_or_unreadable_source",
      run_id_prefix: "qry_guard_",
    });
  });

  test("held locked by another process → busy_locked (the user's data dir, used in place and never written)", async () => {
    const dataDir = tempDir("locked-data");
    const db = seedDb(dataDir);
    const holder = await holdExclusiveLock(db);
    onTestFinished(() => holder.stop());
    const result = await queryRun({ AUTOCAPTURE_DATA_DIR: dataDir });
    expect(result.run.corpus).toEqual({ mode: "data_dir", source: dataDir, sha256: null });
    expectDbIo(result, "busy_locked");
    expect(result.run.cases[0]!.attempts[0]!.markers?.error_detail).toMatch(/database is locked/);
  });

  test("no corpus at all: the storage probe says cannot_open, and the case is corpus_missing (the run's input), not db_io", async () => {
    const { run } = await queryRun({ QUALIFY_CORPUS_DB: join(tempDir("no-corpus"), "missing.db") });
    expect(run.storage[0]).toMatchObject({ present: false, healthy: false, error_class: "cannot_open" });
    expect(run.cases[0]!.verdict).toMatchObject({
      class: "infra_error",
      reason: "corpus_missing",
      attribution: "environment",
    });
  });

  test("unreadable permissions (mode 000) → cannot_open, with the harness and the platform unable to override file modes", async () => {
    const dataDir = tempDir("unreadable-data");
    makeUnreadable(seedDb(dataDir));
    const run = await runCommand({
      ...withoutDacOverride(process.execPath, ["--import", "tsx", "qualification/query/testing/run-query-cli.ts"]),
      cwd: SUITE_ROOT,
      env: { ...env({ AUTOCAPTURE_DATA_DIR: dataDir }), QUALIFY_TARGET: EXAMPLE_PLATFORM },
      timeoutMs: 60_000,
    });
    expect(run.exitCode, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { run: QueryRun; telemetry: Telemetry };
    expectDbIo(result, "cannot_open");
    expect(result.run.storage[0]!.error).toBe("SQLITE_CANTOPEN: unable to open database file");
  });
});
