import { mkdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, test } from "vitest";
import { copyExample, tempDir } from "../../../setup/testing/example-copy.ts";
import { parseLockHistoryName } from "../../gather/adapters/autocapture-nx/lock/index.ts";
import { parseLockfile, serializeLockfile } from "../../gather/adapters/autocapture-nx/lock/index.ts";
import { readKeyring } from "../../gather/adapters/autocapture-nx/lock/index.ts";
import { verifyLockSignature } from "../../gather/adapters/autocapture-nx/lock/index.ts";
import { sha256Hex } from "../../shared/canonical/canonical-json.ts";
import { sha256FileSync } from "../../gather/adapters/autocapture-nx/hashing/index.ts";
import { runCommand } from "../../shared/process/run-command.ts";
import {
  editPlugin,
  HISTORY_REL,
  LOCKFILE_REL,
  lockfileOf,
  platformLockfileBytes,
  platformSign,
} from "../../commands/lock-update/testing/platform-lock-tools.ts";
import { runQualify } from "../../commands/writers/testing/run-qualify.ts";
import { changedPaths, treeDigest } from "../../commands/writers/testing/tree-digest.ts";

const update = (root: string, args: string[], env: Record<string, string> = {}) =>
  runQualify(["lock", "update", ...args], { QUALIFY_TARGET: root, ...env });

describe("pnpm qualify lock update", () => {
  test("one plugin: the platform tool's bytes, pre/post snapshots named <ts>_<reason>_<sha12>.json, no other file touched", async () => {
    const { root } = copyExample();
    const reference = copyExample().root;
    for (const r of [root, reference]) editPlugin(r, "retrieval_basic");
    const original = lockfileOf(root);
    const before = treeDigest(root);

    const run = await update(root, ["--plugin", "builtin.retrieval.basic", "--reason", "retrieval plugin changed"]);
    expect(run.exitCode, run.stderr).toBe(0);
    const updated = lockfileOf(root);
    expect(updated.equals(await platformLockfileBytes(reference))).toBe(true);

    const report = run.json!;
    expect(report).toMatchObject({
      ok: true,
      plugin_id: "builtin.retrieval.basic",
      changes_count: 1,
      dry_run: false,
      reformatted: false,
    });
    expect((report.before as { artifact_sha256: string }).artifact_sha256).not.toBe(
      (report.after as { artifact_sha256: string }).artifact_sha256,
    );
    const pre = parseLockHistoryName(basename(report.pre_snapshot as string));
    const post = parseLockHistoryName(basename(report.post_snapshot as string));
    expect(pre.ok && pre.name.reason).toBe("pre_retrieval plugin changed_builtin.retrieval.basic");
    expect(post.ok && post.name.reason).toBe("post_retrieval plugin changed_builtin.retrieval.basic");
    expect(pre.ok && pre.name.sha12).toBe(sha256Hex(original.toString("utf8").replaceAll("\r\n", "\n")).slice(0, 12));
    expect(post.ok && post.name.sha12).toBe(sha256FileSync(join(root, LOCKFILE_REL)).slice(0, 12));
    expect(readFileSync(join(root, report.pre_snapshot as string)).equals(original)).toBe(true);
    expect(readFileSync(join(root, report.post_snapshot as string)).equals(updated)).toBe(true);

    const touched = changedPaths(before, treeDigest(root));
    expect(touched).toEqual([LOCKFILE_REL, `${HISTORY_REL}/`, report.pre_snapshot, report.post_snapshot].sort());
    expect(report.written).toEqual([report.pre_snapshot, LOCKFILE_REL, report.post_snapshot]);
    expect(run.stderr).toContain("artifact_sha256: ");
  });

  test("every plugin (no --plugin): equals update_plugin_locks.py, drops stale entries, snapshots labelled `all`", async () => {
    const { root } = copyExample();
    const reference = copyExample().root;
    for (const r of [root, reference]) {
      editPlugin(r, "retrieval_basic");
      editPlugin(r, "ledger_basic");
    }
    const parsed = parseLockfile(lockfileOf(root).toString("utf8"), "x");
    if (!parsed.ok) throw new Error("example lockfile");
    const stale = {
      ...parsed.document,
      plugins: { ...parsed.document.plugins, "builtin.gone.away": parsed.document.plugins["builtin.ledger.basic"]! },
    };
    writeFileSync(join(root, LOCKFILE_REL), serializeLockfile(stale));

    const run = await update(root, ["--reason", "full re-lock"]);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(lockfileOf(root).equals(await platformLockfileBytes(reference))).toBe(true);
    expect(run.json).toMatchObject({ plugin_id: null, scope: "all", changes_count: 3 });
    expect(
      (run.json!.diff as { changes: Array<{ plugin_id: string; after: unknown }> }).changes.find(
        (c) => c.plugin_id === "builtin.gone.away",
      )?.after,
    ).toBeNull();
    const pre = parseLockHistoryName(basename(run.json!.pre_snapshot as string));
    expect(pre.ok && pre.name.reason).toBe("pre_full re-lock_all");
  });

  test("--dry-run prints the diff and writes nothing", async () => {
    const { root } = copyExample();
    editPlugin(root, "answer_basic");
    const before = treeDigest(root);
    const run = await update(root, ["--plugin", "builtin.answer.basic", "--dry-run"]);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.json).toMatchObject({
      dry_run: true,
      changes_count: 1,
      pre_snapshot: null,
      post_snapshot: null,
      written: [],
    });
    expect(run.stderr).toMatch(/~ builtin\.answer\.basic\n {4}artifact_sha256: [0-9a-f]{64} -> [0-9a-f]{64}/);
    expect(changedPaths(before, treeDigest(root))).toEqual([]);
  });

  test("a minimal lockfile stays minimal; --extended converts it, for every plugin only", async () => {
    const { root } = copyExample();
    const reference = copyExample().root;
    const parsed = parseLockfile(lockfileOf(root).toString("utf8"), "x");
    if (!parsed.ok) throw new Error("example lockfile");
    const minimal = {
      generated_at: parsed.document.generated_at,
      version: 1 as const,
      plugins: Object.fromEntries(
        Object.entries(parsed.document.plugins).map(([id, e]) => [
          id,
          { artifact_sha256: e.artifact_sha256, manifest_sha256: e.manifest_sha256 },
        ]),
      ),
    };
    writeFileSync(join(root, LOCKFILE_REL), serializeLockfile(minimal));
    editPlugin(root, "journal_basic");
    editPlugin(reference, "journal_basic");

    const one = await update(root, ["--plugin", "builtin.journal.basic", "--reason", "journal"]);
    expect(one.exitCode, one.stderr).toBe(0);
    expect(one.json!.after).toEqual({
      artifact_sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      manifest_sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const reparsed = parseLockfile(lockfileOf(root).toString("utf8"), "x");
    expect(reparsed.ok && reparsed.lock.format).toBe("minimal_v1");

    const refused = await update(root, ["--plugin", "builtin.journal.basic", "--extended", "--reason", "convert"]);
    expect([refused.exitCode, refused.json?.code]).toEqual([1, "FORMAT_CHANGE_NEEDS_ALL"]);
    const converted = await update(root, ["--extended", "--reason", "convert"]);
    expect(converted.exitCode, converted.stderr).toBe(0);
    expect(lockfileOf(root).equals(await platformLockfileBytes(reference))).toBe(true);
  });

  const refusals: Array<[string, string, (root: string) => void, string[]]> = [
    ["an invalid lockfile", "LOCKFILE_INVALID", (root) => writeFileSync(join(root, LOCKFILE_REL), "{ not json"), []],
    [
      "a lockfile of the wrong shape",
      "LOCKFILE_INVALID",
      (root) => writeFileSync(join(root, LOCKFILE_REL), '{"plugins": [], "version": 1}'),
      [],
    ],
    [
      "a symlinked lockfile",
      "TARGET_FILE_SYMLINK",
      (root) => {
        renameSync(join(root, LOCKFILE_REL), join(root, "config/real.json"));
        symlinkSync("real.json", join(root, LOCKFILE_REL));
      },
      [],
    ],
    [
      "a symlinked history dir",
      "HISTORY_DIR_SYMLINK",
      (root) => {
        mkdirSync(join(root, "elsewhere"));
        symlinkSync("../elsewhere", join(root, HISTORY_REL));
      },
      [],
    ],
    [
      "a history path that is a file",
      "HISTORY_DIR_NOT_WRITABLE",
      (root) => writeFileSync(join(root, HISTORY_REL), "not a dir"),
      [],
    ],
    ["a plugin ID without a manifest", "PLUGIN_NOT_FOUND", () => undefined, ["--plugin", "builtin.does.not.exist"]],
    [
      "a symlink in the plugin dir",
      "PLUGIN_DIR_SYMLINK",
      (root) => symlinkSync("plugin.py", join(root, "plugins/builtin/retrieval_basic/alias.py")),
      [],
    ],
    ["no --reason", "REASON_MISSING", () => undefined, ["--no-reason"]],
    ["a reason with a slash", "REASON_INVALID", () => undefined, ["--reason", "a/b"]],
  ];
  test.each(refusals)("refuses %s (%s) and writes nothing", async (_label, code, mutate, extra) => {
    const { root } = copyExample();
    mutate(root);
    const before = treeDigest(root);
    const args =
      extra[0] === "--no-reason"
        ? ["--plugin", "builtin.retrieval.basic"]
        : [
            "--plugin",
            extra[0] === "--plugin" ? extra[1]! : "builtin.retrieval.basic",
            "--reason",
            extra[0] === "--reason" ? extra[1]! : "r",
          ];
    const run = await update(root, args);
    expect([run.exitCode, run.json?.code], run.stderr).toEqual([1, code]);
    expect(run.json).toMatchObject({ ok: false, detail: expect.any(String) });
    expect(run.stderr).toContain("nothing was written");
    expect(changedPaths(before, treeDigest(root))).toEqual([]);
  });

  test("in a git work tree: unaudited lockfile edits are refused; its own audited state is not", async () => {
    const { root } = copyExample();
    const git = (...args: string[]) =>
      runCommand({
        file: "git",
        args: ["-c", "user.name=t", "-c", "user.email=t@example.com", "-C", root, ...args],
        cwd: root,
        env: {},
        timeoutMs: 30_000,
      });
    await git("init", "-q");
    await git("add", "-A");
    expect((await git("commit", "-q", "-m", "base")).exitCode).toBe(0);
    editPlugin(root, "retrieval_basic");
    const original = lockfileOf(root);
    writeFileSync(
      join(root, LOCKFILE_REL),
      original.toString("utf8").replace("2026-01-01T00:00:00+00:00", "2026-01-02T00:00:00+00:00"),
    );
    const dirty = await update(root, ["--plugin", "builtin.retrieval.basic", "--reason", "r"]);
    expect([dirty.exitCode, dirty.json?.code]).toEqual([1, "LOCKFILE_DIRTY"]);

    writeFileSync(join(root, LOCKFILE_REL), original);
    const first = await update(root, ["--plugin", "builtin.retrieval.basic", "--reason", "r"]);
    expect(first.exitCode, first.stderr).toBe(0);
    editPlugin(root, "ledger_basic");
    const second = await update(root, ["--plugin", "builtin.ledger.basic", "--reason", "r2"]);
    expect(second.exitCode, second.stderr).toBe(0);
  });

  test("re-signs with the keyring's anchor key exactly as the platform's signer; refuses to orphan a signature", async () => {
    const { root } = copyExample();
    const keyring = join(tempDir("keyring"), "keyring.json");
    const sigPath = join(root, `${LOCKFILE_REL}.sig.json`);
    await platformSign(root, keyring, sigPath);
    editPlugin(root, "citation_basic");
    const before = treeDigest(root);

    const refused = await update(root, ["--plugin", "builtin.citation.basic", "--reason", "r"]);
    expect([refused.exitCode, refused.json?.code]).toEqual([1, "SIGNATURE_KEY_UNAVAILABLE"]);
    expect(changedPaths(before, treeDigest(root))).toEqual([]);

    const run = await update(root, ["--plugin", "builtin.citation.basic", "--reason", "r", "--keyring", keyring]);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.json!.signature).toEqual({ action: "write", key_id: "test-key-1", path: `${LOCKFILE_REL}.sig.json` });
    const verified = verifyLockSignature({
      lockfileBytes: lockfileOf(root),
      signatureText: readFileSync(sigPath),
      keyring: readKeyring(keyring),
    });
    expect(verified.ok).toBe(true);
    const platform = await platformSign(root, keyring, join(tempDir("sig"), "platform.sig.json"));
    expect(JSON.parse(readFileSync(sigPath, "utf8"))).toEqual(platform);
    expect(readFileSync(sigPath, "utf8")).not.toContain("key_b64");
  });

  test("--sign-only signs the lockfile as it is, and only with a key", async () => {
    const { root } = copyExample();
    const keyring = join(tempDir("keyring"), "keyring.json");
    await platformSign(root, keyring, join(tempDir("sig"), "seed.sig.json"));
    const lockBefore = lockfileOf(root);
    const noKey = await update(root, ["--sign-only"]);
    expect([noKey.exitCode, noKey.json?.code]).toEqual([1, "SIGNATURE_KEY_UNAVAILABLE"]);
    const signed = await update(root, ["--sign-only"], { QUALIFY_KEYRING: keyring });
    expect(signed.exitCode, signed.stderr).toBe(0);
    expect(signed.json).toMatchObject({
      sign_only: true,
      lockfile_sha256: sha256Hex(lockBefore),
      written: [`${LOCKFILE_REL}.sig.json`],
    });
    expect(lockfileOf(root).equals(lockBefore)).toBe(true);
    const verified = verifyLockSignature({
      lockfileBytes: lockBefore,
      signatureText: readFileSync(join(root, `${LOCKFILE_REL}.sig.json`)),
      keyring: readKeyring(keyring),
    });
    expect(verified.ok).toBe(true);
  });

  test("nothing to re-lock: exit 0, nothing written", async () => {
    const { root } = copyExample();
    const before = treeDigest(root);
    const run = await update(root, ["--plugin", "builtin.time.intent_parser", "--reason", "no change"]);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.json).toMatchObject({ changes_count: 0, written: [], pre_snapshot: null });
    expect(changedPaths(before, treeDigest(root))).toEqual([]);
  });
});
