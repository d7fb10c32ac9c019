import { runCommand } from "../../../shared/process/run-command.ts";

/** The target's git commit (plus `-dirty` when the work tree differs), or null when it is not a git checkout. */
export async function targetCommit(root: string): Promise<string | null> {
  const base = { file: "git", cwd: root, env: { GIT_OPTIONAL_LOCKS: "0" }, timeoutMs: 15_000 };
  const head = await runCommand({ ...base, args: ["rev-parse", "HEAD"] });
  if (head.exitCode !== 0) return null;
  const commit = head.stdout.trim();
  // Only the target subtree matters; --porcelain with a pathspec keeps a sibling's edits out of it.
  const status = await runCommand({ ...base, args: ["status", "--porcelain", "--untracked-files=all", "--", "."] });
  return status.exitCode === 0 && status.stdout.trim() !== "" ? `${commit}-dirty` : commit;
}
