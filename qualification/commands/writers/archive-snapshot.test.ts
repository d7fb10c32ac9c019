import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { tempDir } from "../../../setup/testing/example-copy.ts";
import { ADAPTERS, DEFAULT_ADAPTER } from "../../gather/adapters/adapter-registry.ts";
import { parseLockHistoryName } from "../../gather/adapters/autocapture-nx/lock/index.ts";
import { sha256Hex } from "../../shared/canonical/canonical-json.ts";
import { archiveSnapshot, assertSnapshotReason } from "./archive-snapshot.ts";
import { WriteRefusal } from "./write-refusal.ts";

const at = new Date(Date.UTC(2026, 1, 20, 15, 51, 36, 323));
const clock = () => at;
// The default adapter's names: the Autocapture NX platform's `<ts>_<reason>_<sha12>.json`.
const naming = ADAPTERS[DEFAULT_ADAPTER]!.lock!.snapshots;

describe("archiveSnapshot", () => {
  test("names the verbatim copy <ts>_<reason>_<sha12>.json with sha256_file's LF normalisation", () => {
    const dir = join(tempDir("history"), "plugin_locks.history");
    const bytes = Buffer.from('{\r\n  "version": 1\r\n}');
    const path = archiveSnapshot({
      dir,
      bytes,
      reason: "pre_retrieval plugin changed_builtin.retrieval.basic",
      clock,
      naming,
    });
    const name = parseLockHistoryName(path.slice(dir.length + 1));
    expect(name.ok && name.name).toMatchObject({
      ts: "20260220T155136.323000Z",
      reason: "pre_retrieval plugin changed_builtin.retrieval.basic",
      sha12: sha256Hex('{\n  "version": 1\n}').slice(0, 12),
    });
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });

  test("append-only: copies in the same millisecond get later microseconds, none is overwritten, no temp file is left", () => {
    const dir = tempDir("history");
    const paths = [1, 2, 3].map((n) =>
      archiveSnapshot({ dir, bytes: Buffer.from(`{"n": ${n}}`), reason: "same", clock, naming }),
    );
    const sameContent = archiveSnapshot({ dir, bytes: Buffer.from('{"n": 1}'), reason: "same", clock, naming });
    expect(new Set([...paths, sameContent]).size).toBe(4);
    expect(readdirSync(dir).sort()).toEqual([...paths, sameContent].map((p) => p.slice(dir.length + 1)).sort());
    expect(paths.map((p) => readFileSync(p, "utf8"))).toEqual(['{"n": 1}', '{"n": 2}', '{"n": 3}']);
  });

  test("a reason that cannot be part of a file name is refused before anything is written", () => {
    expect(() => assertSnapshotReason("a/b", naming)).toThrow(WriteRefusal);
    expect(() => assertSnapshotReason("spaces and_underscores are fine", naming)).not.toThrow();
  });
});
