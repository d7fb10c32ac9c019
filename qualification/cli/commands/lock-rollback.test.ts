import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, test } from "vitest";
import { copyExample, tempDir } from "../../../setup/testing/example-copy.ts";
import { formatLockHistoryName, parseLockHistoryName } from "../../gather/adapters/autocapture-nx/lock/index.ts";
import { readKeyring } from "../../gather/adapters/autocapture-nx/lock/index.ts";
import { verifyLockSignature } from "../../gather/adapters/autocapture-nx/lock/index.ts";
import {
  editPlugin,
  HISTORY_REL,
  LOCKFILE_REL,
  lockfileOf,
  platformSign,
} from "../../commands/lock-update/testing/platform-lock-tools.ts";
import { runQualify } from "../../commands/writers/testing/run-qualify.ts";
import { changedPaths, treeDigest } from "../../commands/writers/testing/tree-digest.ts";

const qualify = (root: string, args: string[], env: Record<string, string> = {}) =>
  runQualify(args, { QUALIFY_TARGET: root, ...env });

/** A copy with one audited update done: returns the original lockfile and the update's report. */
async function updatedCopy(): Promise<{ root: string; original: Buffer; pre: string; post: string }> {
  const { root } = copyExample();
  const original = lockfileOf(root);
  editPlugin(root, "retrieval_basic");
  const run = await qualify(root, ["lock", "update", "--plugin", "builtin.retrieval.basic", "--reason", "drift"]);
  if (run.exitCode !== 0) throw new Error(run.stderr);
  return { root, original, pre: run.json!.pre_snapshot as string, post: run.json!.post_snapshot as string };
}

describe("pnpm qualify lock rollback", () => {
  test("restores the snapshot's exact bytes after saving a pre_rollback snapshot", async () => {
    const { root, original, pre } = await updatedCopy();
    const current = lockfileOf(root);
    const before = treeDigest(root);
    const run = await qualify(root, ["lock", "rollback", join(root, pre)]);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(lockfileOf(root).equals(original)).toBe(true);
    const saved = run.json!.pre_snapshot as string;
    const name = parseLockHistoryName(basename(saved));
    expect(name.ok && name.name.reason).toBe("pre_rollback");
    expect(readFileSync(join(root, saved)).equals(current)).toBe(true);
    expect(changedPaths(before, treeDigest(root))).toEqual([LOCKFILE_REL, saved].sort());
    expect(run.json).toMatchObject({ ok: true, snapshot: pre, written: [saved, LOCKFILE_REL] });
    expect((run.json!.diff as { changes: Array<{ plugin_id: string }> }).changes.map((c) => c.plugin_id)).toEqual([
      "builtin.retrieval.basic",
    ]);
  });

  test("a bare file name is looked up in the history directory; --dry-run writes nothing", async () => {
    const { root, pre } = await updatedCopy();
    const before = treeDigest(root);
    const run = await qualify(root, ["lock", "rollback", basename(pre), "--dry-run"]);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.json).toMatchObject({ dry_run: true, written: [], pre_snapshot: null });
    expect(changedPaths(before, treeDigest(root))).toEqual([]);
  });

  test("--latest restores a missing or broken lockfile from the newest valid snapshot", async () => {
    const { root, post } = await updatedCopy();
    const good = lockfileOf(root);
    writeFileSync(join(root, HISTORY_REL, "29990101T000000Z_broken_000000000000.json"), "{ not a lockfile");
    rmSync(join(root, LOCKFILE_REL));
    const run = await qualify(root, ["lock", "rollback", "--latest"]);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.json).toMatchObject({
      snapshot: post,
      pre_snapshot: null,
      before_sha256: null,
      skipped_snapshots: ["29990101T000000Z_broken_000000000000.json"],
    });
    expect(lockfileOf(root).equals(good)).toBe(true);

    writeFileSync(join(root, LOCKFILE_REL), "garbage");
    const again = await qualify(root, ["lock", "rollback", "--latest"]);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(readFileSync(join(root, again.json!.pre_snapshot as string), "utf8")).toBe("garbage");
    expect(lockfileOf(root).equals(good)).toBe(true);
  });

  test.each([
    [
      "an invalid snapshot",
      "SNAPSHOT_INVALID",
      (root: string) => writeFileSync(join(root, "bad.json"), "[]"),
      "bad.json",
    ],
    ["a missing snapshot", "SNAPSHOT_NOT_FOUND", () => undefined, "nope.json"],
    [
      "a symlinked snapshot",
      "SNAPSHOT_INVALID",
      (root: string) => symlinkSync(join(root, LOCKFILE_REL), join(root, "link.json")),
      "link.json",
    ],
  ])("refuses %s (%s) and writes nothing", async (_label, code, mutate, name) => {
    const { root } = copyExample();
    mutate(root);
    const before = treeDigest(root);
    const run = await qualify(root, ["lock", "rollback", join(root, name)]);
    expect([run.exitCode, run.json?.code], run.stderr).toEqual([1, code]);
    expect(changedPaths(before, treeDigest(root))).toEqual([]);
  });

  test("--latest with no history is a clear refusal", async () => {
    const { root } = copyExample();
    const run = await qualify(root, ["lock", "rollback", "--latest"]);
    expect([run.exitCode, run.json?.code]).toEqual([1, "SNAPSHOT_NOT_FOUND"]);
  });

  test("a signature that already covers the restored bytes is kept without a key; otherwise the key is required", async () => {
    const { root } = copyExample();
    const keyring = join(tempDir("keyring"), "keyring.json");
    const sig = join(root, `${LOCKFILE_REL}.sig.json`);
    await platformSign(root, keyring, sig);
    const original = lockfileOf(root);
    mkdirSync(join(root, HISTORY_REL));
    writeFileSync(
      join(
        root,
        HISTORY_REL,
        formatLockHistoryName({ at: new Date(Date.UTC(2026, 0, 2)), reason: "snapshot", sha12: "0123456789ab" }),
      ),
      original,
    );
    writeFileSync(join(root, LOCKFILE_REL), "broken");
    const keep = await qualify(root, ["lock", "rollback", "--latest"]);
    expect(keep.exitCode, keep.stderr).toBe(0);
    expect(keep.json!.signature).toMatchObject({ action: "keep" });
    const verify = () =>
      verifyLockSignature({
        lockfileBytes: lockfileOf(root),
        signatureText: readFileSync(sig),
        keyring: readKeyring(keyring),
      }).ok;
    expect(verify()).toBe(true);

    editPlugin(root, "ledger_basic");
    const up = await qualify(root, ["lock", "update", "--plugin", "builtin.ledger.basic", "--reason", "r"], {
      QUALIFY_KEYRING: keyring,
    });
    expect(up.exitCode, up.stderr).toBe(0);
    const preUpdate = join(root, up.json!.pre_snapshot as string);
    const refused = await qualify(root, ["lock", "rollback", preUpdate]);
    expect([refused.exitCode, refused.json?.code]).toEqual([1, "SIGNATURE_KEY_UNAVAILABLE"]);
    const back = await qualify(root, ["lock", "rollback", preUpdate, "--keyring", keyring]);
    expect(back.exitCode, back.stderr).toBe(0);
    expect(back.json!.signature).toMatchObject({ action: "write", key_id: "test-key-1" });
    expect(lockfileOf(root).equals(original)).toBe(true);
    expect(verify()).toBe(true);
  });
});

describe("pnpm qualify lock diff", () => {
  test("prints per-plugin changes with the platform's keys and writes nothing", async () => {
    const { root, pre, post } = await updatedCopy();
    const before = treeDigest(root);
    const run = await qualify(root, ["lock", "diff", basename(pre), join(root, post)]);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(Object.keys(run.json!).sort()).toEqual(["a", "b", "changes", "changes_count", "ok", "top_level"]);
    expect(run.json).toMatchObject({ ok: true, a: pre, b: post, changes_count: 1, top_level: [] });
    const [change] = run.json!.changes as Array<{
      plugin_id: string;
      before: { artifact_sha256: string };
      after: { artifact_sha256: string };
    }>;
    expect(change!.plugin_id).toBe("builtin.retrieval.basic");
    expect(change!.before.artifact_sha256).not.toBe(change!.after.artifact_sha256);
    expect(changedPaths(before, treeDigest(root))).toEqual([]);
    const same = await qualify(root, ["lock", "diff", join(root, post), join(root, LOCKFILE_REL)]);
    expect(same.json).toMatchObject({ changes: [], changes_count: 0 });
    expect(same.stderr).toContain("(no changes)");
  });

  test("an unreadable side is a refusal with its code", async () => {
    const { root } = copyExample();
    const run = await qualify(root, ["lock", "diff", join(root, LOCKFILE_REL), join(root, "config/default.json")]);
    expect([run.exitCode, run.json?.code]).toEqual([1, "SNAPSHOT_INVALID"]);
  });
});
