import { runGit } from "../../../shared/process/run-git.ts";

const HASH_EXCLUDED = /(^|\/)__pycache__(\/|$)|\.pyc$/;

/**
 * Plugin files changed since the lockfile was last committed, so a reviewer sees what drifted before
 * accepting a lock update. Tracked edits (staged or not), deletions and every on-disk extra (untracked or
 * ignored: the hash covers them all). Null when the target is not a git checkout or git cannot tell.
 */
export async function driftFiles(root: string, pluginDir: string, lockfileRel: string): Promise<string[] | null> {
  const git = (args: string[]) => runGit(root, args);
  const lockCommit = await git(["log", "-1", "--format=%H", "--", lockfileRel]);
  const commit = lockCommit.stdout.trim();
  if (lockCommit.exitCode !== 0 || !/^[0-9a-f]{40}$/.test(commit)) return null;
  const [changed, extra] = await Promise.all([
    git(["diff", "--name-only", "--relative", "--no-renames", commit, "--", pluginDir]),
    git(["ls-files", "--others", "--", pluginDir]),
  ]);
  if (changed.exitCode !== 0 || extra.exitCode !== 0) return null;
  const prefix = `${pluginDir.replace(/\/+$/, "")}/`;
  const files = [...changed.stdout.split("\n"), ...extra.stdout.split("\n")]
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !HASH_EXCLUDED.test(line))
    .map((line) => (line.startsWith(prefix) ? line.slice(prefix.length) : line));
  return [...new Set(files)].sort();
}
