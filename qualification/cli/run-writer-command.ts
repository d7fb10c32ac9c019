import { stableJson } from "../shared/canonical/canonical-json.ts";
import type { CommandIo } from "./command.ts";
import { UsageError } from "./command.ts";
import { OptionsError, resolveOptions, type QualifyOptions } from "../shared/options/resolve-options.ts";
import { isWriteRefusal } from "../commands/writers/write-refusal.ts";

/** The command's options, with an unusable environment reported as a usage error (exit 2) rather than a crash. */
export function commandOptions(io: CommandIo): QualifyOptions {
  try {
    return resolveOptions(io.env, io.cwd);
  } catch (error) {
    if (error instanceof OptionsError) throw new UsageError(error.message);
    throw error;
  }
}

/** What a command needs from its options (e.g. the adapter's lock port), an unusable choice a usage error (exit 2). */
export function asUsageError<T>(get: () => T): T {
  try {
    return get();
  } catch (error) {
    if (error instanceof OptionsError) throw new UsageError(error.message);
    throw error;
  }
}

/**
 * One output contract for every writing command: the machine-readable report as canonical JSON on stdout, the
 * readable diff and the list of written files on stderr. A refusal prints `{ok: false, code, detail, file}`
 * the same way and exits 1; nothing has been written when it does.
 */
export async function runWriterCommand<T>(
  io: CommandIo,
  name: string,
  work: () => Promise<T>,
  render: (report: T) => readonly string[],
): Promise<number> {
  try {
    const report = await work();
    io.out(stableJson(report).trimEnd());
    for (const line of render(report)) io.err(line);
    return 0;
  } catch (error) {
    if (!isWriteRefusal(error)) throw error;
    io.out(stableJson(error.toJSON()).trimEnd());
    io.err(`${name} refused (${error.code}): ${error.detail}`);
    io.err("nothing was written");
    return 1;
  }
}
