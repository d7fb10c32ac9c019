import { requiredPort } from "../../gather/adapters/required-port.ts";
import { renderLockRollback, runLockRollback } from "../../commands/lock-update/index.ts";
import { systemClock } from "../../commands/writers/archive-snapshot.ts";
import { asUsageError, commandOptions, runWriterCommand } from "../run-writer-command.ts";
import { parseFlags, UsageError, type QualifyCommand } from "../command.ts";

const LOCK_ROLLBACK_FLAGS = { strings: ["keyring", "signature"], booleans: ["latest", "dry-run"] } as const;

/** `pnpm qualify lock rollback <history-file> | --latest`: save `pre_rollback`, then restore the snapshot's bytes. */
const lockRollback: QualifyCommand = {
  summary: "restore a lockfile snapshot from the lock history (a pre_rollback snapshot is taken first)",
  usage: "lock rollback <history-file> | --latest [--dry-run] [--keyring <file>] [--signature <file>]",
  async run(args, io) {
    const flags = parseFlags(args, LOCK_ROLLBACK_FLAGS);
    const latest = flags.booleans.has("latest");
    const [snapshot, ...extra] = flags.positionals;
    if (extra.length > 0 || (latest ? snapshot !== undefined : snapshot === undefined))
      throw new UsageError("give exactly one history file, or --latest");
    const options = commandOptions(io);
    const request = {
      lock: asUsageError(() => requiredPort(options.adapter, "lock", "lock rollback")),
      options,
      snapshot: snapshot ?? null,
      latest,
      dryRun: flags.booleans.has("dry-run"),
      overrides: { signature: flags.strings.get("signature"), keyring: flags.strings.get("keyring") },
      cwd: io.cwd,
      clock: systemClock,
    };
    return runWriterCommand(io, "lock rollback", () => runLockRollback(request), renderLockRollback);
  },
};
export default lockRollback;
