import { runCommand, type CommandRun } from "./run-command.ts";

/**
 * One read-only git command in the work tree holding `root`. `GIT_OPTIONAL_LOCKS=0` keeps git from refreshing
 * the index, so reading a target's history never writes into it.
 */
export function runGit(root: string, args: readonly string[]): Promise<CommandRun> {
  return runCommand({
    file: "git",
    args: ["-C", root, ...args],
    cwd: root,
    env: { GIT_OPTIONAL_LOCKS: "0" },
    timeoutMs: 15_000,
  });
}
