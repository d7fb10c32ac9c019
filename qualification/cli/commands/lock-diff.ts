import { requiredPort } from "../../gather/adapters/required-port.ts";
import {
  diffLockDocuments,
  locateSnapshot,
  readLockSnapshot,
  renderLockDiff,
  resolveLockPaths,
} from "../../commands/lock-update/index.ts";
import { asUsageError, commandOptions, runWriterCommand } from "../run-writer-command.ts";
import { parseFlags, UsageError, type QualifyCommand } from "../command.ts";

/**
 * `pnpm qualify lock diff <a> <b>`: per-plugin lock entry changes from a to b, with the platform's keys
 * `{ok, a, b, changes[{plugin_id, before, after}], changes_count}` (plus `top_level`). Read-only. Each side is
 * a path, or a file name in the lock history directory. Exit 0 whether or not they differ.
 */
const lockDiff: QualifyCommand = {
  summary: "per-plugin differences between two lockfiles or history snapshots (read-only)",
  usage: "lock diff <a> <b>",
  async run(args, io) {
    const flags = parseFlags(args, {});
    const [a, b, ...extra] = flags.positionals;
    if (a === undefined || b === undefined || extra.length > 0)
      throw new UsageError("give exactly two lockfiles or history snapshots");
    const options = commandOptions(io);
    const lock = asUsageError(() => requiredPort(options.adapter, "lock", "lock diff"));
    return runWriterCommand(
      io,
      "lock diff",
      async () => {
        const paths = await resolveLockPaths(lock, options, {}, io.cwd);
        const left = readLockSnapshot(lock, paths, locateSnapshot(paths, a, io.cwd));
        const right = readLockSnapshot(lock, paths, locateSnapshot(paths, b, io.cwd));
        const diff = diffLockDocuments(left.document, right.document);
        return {
          ok: true as const,
          a: left.display,
          b: right.display,
          changes: diff.changes,
          changes_count: diff.changes.length,
          top_level: diff.top_level,
        };
      },
      (report) => [
        `lock diff: ${report.a} -> ${report.b}: ${report.changes_count} plugin change(s)`,
        ...renderLockDiff(report),
      ],
    );
  },
};
export default lockDiff;
