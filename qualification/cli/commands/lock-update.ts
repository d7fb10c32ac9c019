import { requiredPort } from "../../gather/adapters/required-port.ts";
import { renderLockSign, renderLockUpdate, runLockSign, runLockUpdate } from "../../commands/lock-update/index.ts";
import { systemClock } from "../../commands/writers/archive-snapshot.ts";
import { asUsageError, commandOptions, runWriterCommand } from "../run-writer-command.ts";
import { parseFlags, UsageError, type QualifyCommand } from "../command.ts";

const LOCK_UPDATE_FLAGS = {
  strings: ["reason", "keyring", "signature"],
  lists: ["plugin"],
  booleans: ["dry-run", "extended", "sign-only"],
} as const;

/**
 * `pnpm qualify lock update`: re-lock plugins with the platform's algorithms, archive pre/post snapshots,
 * re-sign. JSON report on stdout, readable diff on stderr; exit 1 on a refusal (nothing written), 2 on usage.
 */
const lockUpdate: QualifyCommand = {
  summary: "re-lock plugins (audited: pre/post history snapshots, re-signed when a key is available)",
  usage:
    "lock update [--plugin <id>]… --reason <text> [--dry-run] [--extended] [--sign-only] [--keyring <file>] [--signature <file>]",
  async run(args, io) {
    const flags = parseFlags(args, LOCK_UPDATE_FLAGS);
    if (flags.positionals.length > 0)
      throw new UsageError(`unexpected argument ${flags.positionals[0]}: name plugins with --plugin <id>`);
    const options = commandOptions(io);
    const lock = asUsageError(() => requiredPort(options.adapter, "lock", "lock update"));
    const overrides = { signature: flags.strings.get("signature"), keyring: flags.strings.get("keyring") };
    const dryRun = flags.booleans.has("dry-run");
    if (flags.booleans.has("sign-only")) {
      if (flags.lists.has("plugin") || flags.booleans.has("extended"))
        throw new UsageError("--sign-only signs the lockfile as it is: it takes no --plugin or --extended");
      return runWriterCommand(
        io,
        "lock update --sign-only",
        () => runLockSign({ lock, options, dryRun, overrides, cwd: io.cwd }),
        renderLockSign,
      );
    }
    const request = {
      lock,
      options,
      pluginIds: flags.lists.get("plugin") ?? null,
      reason: flags.strings.get("reason") ?? null,
      dryRun,
      toExtended: flags.booleans.has("extended"),
      overrides,
      cwd: io.cwd,
      clock: systemClock,
    };
    return runWriterCommand(io, "lock update", () => runLockUpdate(request), renderLockUpdate);
  },
};
export default lockUpdate;
