import { runGit } from "../../shared/process/run-git.ts";

export type GitFileState =
  | { readonly state: "not_git" }
  | { readonly state: "clean" }
  | { readonly state: "dirty"; readonly status: string }
  | { readonly state: "error"; readonly detail: string };

/**
 * Whether one file has uncommitted changes (staged, unstaged or untracked) in the git work tree holding
 * `root`. An ignored file counts as clean: git will never hold its history, so "uncommitted" has no meaning.
 */
export async function gitFileState(root: string, file: string): Promise<GitFileState> {
  const git = (args: string[]) => runGit(root, args);
  const inside = await git(["rev-parse", "--is-inside-work-tree"]);
  if (inside.spawnError !== null) return { state: "not_git" };
  if (inside.exitCode !== 0 || inside.stdout.trim() !== "true") return { state: "not_git" };
  const status = await git(["status", "--porcelain", "--untracked-files=all", "--", file]);
  if (status.exitCode !== 0)
    return {
      state: "error",
      detail: `${status.display} exited ${status.exitCode ?? "on a signal"}: ${status.stderr.trim()}`,
    };
  const lines = status.stdout.split("\n").filter((line) => line.trim() !== "");
  return lines.length === 0 ? { state: "clean" } : { state: "dirty", status: lines.join("; ") };
}
