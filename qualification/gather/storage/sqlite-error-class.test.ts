import { describe, expect, test } from "vitest";
import { classifySqliteCode, classifySqliteError, classifySqliteText, isWriteErrorText } from "./sqlite-error-class.ts";

describe("classifySqliteCode", () => {
  test.each([
    ["SQLITE_IOERR", "io_error"],
    ["SQLITE_IOERR_SHORT_READ", "io_error"],
    ["SQLITE_BUSY", "busy_locked"],
    ["SQLITE_BUSY_SNAPSHOT", "busy_locked"],
    ["SQLITE_LOCKED", "busy_locked"],
    ["SQLITE_CORRUPT", "corrupt"],
    ["SQLITE_NOTADB", "not_a_database"],
    ["SQLITE_CANTOPEN", "cannot_open"],
    ["SQLITE_READONLY", "cannot_open"],
    ["ENOENT", "cannot_open"],
    ["EACCES", "cannot_open"],
    ["EIO", "io_error"],
    ["SQLITE_ERROR", null],
    ["SQLITE_CONSTRAINT", null],
  ])("%s → %s", (code, expected) => {
    expect(classifySqliteCode(code)).toBe(expected);
  });
});

describe("classifySqliteText (the platform's messages: `sqlite_reads.py` `_looks_transient_sqlite_error`, `run_non_vlm_readiness.py` `_failure_class_for_step`)", () => {
  test.each([
    ["OperationalError: disk I/O error", "io_error"],
    ["metadata_db_transient_io: ioerr", "io_error"],
    ["OperationalError: database is locked", "busy_locked"],
    ["DatabaseError: database disk image is malformed", "corrupt"],
    ["DatabaseError: file is not a database", "not_a_database"],
    ["OperationalError: no such table: metadata", "not_a_database"],
    ["OperationalError: unable to open database file", "cannot_open"],
    ["attempt to write a readonly database", "cannot_open"],
    ["ValueError: reference_time is required", null],
    ["", null],
  ])("%j → %s", (text, expected) => {
    expect(classifySqliteText(text)).toBe(expected);
  });
});

test("classifySqliteError prefers the exact code over the message", () => {
  expect(classifySqliteError(Object.assign(new Error("database is locked"), { code: "SQLITE_IOERR_READ" }))).toBe(
    "io_error",
  );
  expect(classifySqliteError(new Error("file is not a database"))).toBe("not_a_database");
  expect(classifySqliteError("plain text")).toBeNull();
});

test("write errors are told apart from read errors", () => {
  expect(isWriteErrorText("OperationalError: attempt to write a readonly database")).toBe(true);
  expect(isWriteErrorText("OperationalError: database is locked")).toBe(false);
});
