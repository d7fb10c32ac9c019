/** A `pnpm qualify <words…>` subcommand. One file per command in `commands/`, named after its words. */
export interface QualifyCommand {
  /** One line for `pnpm qualify --help`. */
  readonly summary: string;
  readonly usage: string;
  /** Returns the process exit code; throws only for bugs (a usage error is a return of 2). */
  run(args: readonly string[], io: CommandIo): Promise<number>;
}

export interface CommandIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

export class UsageError extends Error {
  readonly code = "USAGE";
}

/** Minimal flag parsing shared by the commands: `--flag value`, `--flag=value`, repeated flags, booleans. */
export function parseFlags(
  args: readonly string[],
  spec: {
    readonly strings?: readonly string[];
    readonly lists?: readonly string[];
    readonly booleans?: readonly string[];
  },
) {
  const strings = new Map<string, string>();
  const lists = new Map<string, string[]>();
  const booleans = new Set<string>();
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith("--")) {
      positionals.push(arg);
      continue;
    }
    const [rawName, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (spec.booleans?.includes(rawName)) {
      booleans.add(rawName);
      continue;
    }
    const isList = spec.lists?.includes(rawName) ?? false;
    if (!isList && !spec.strings?.includes(rawName)) throw new UsageError(`unknown flag --${rawName}`);
    const value = inline ?? args[++i];
    if (value === undefined) throw new UsageError(`--${rawName} needs a value`);
    if (isList) lists.set(rawName, [...(lists.get(rawName) ?? []), value]);
    else strings.set(rawName, value);
  }
  return { strings, lists, booleans, positionals };
}
