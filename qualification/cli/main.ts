import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { UsageError, type CommandIo, type QualifyCommand } from "./command.ts";
import { applyConfigFile } from "../shared/options/qualify-config-file.ts";
import { OptionsError } from "../shared/options/resolve-options.ts";
import { SUITE_VERSION } from "../shared/options/suite-version.ts";

const COMMANDS_DIR = join(dirname(fileURLToPath(import.meta.url)), "commands");

function available(): string[] {
  return readdirSync(COMMANDS_DIR)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
    .map((f) => f.slice(0, -3))
    .sort();
}

/** `qualify lock update …` → commands/lock-update.ts (longest match of leading words wins). */
export function resolveCommand(words: readonly string[]): { file: string; rest: string[] } | null {
  for (let n = Math.min(words.length, 3); n >= 1; n--) {
    const name = words.slice(0, n).join("-");
    const file = join(COMMANDS_DIR, `${name}.ts`);
    if (/^[a-z0-9-]+$/.test(name) && existsSync(file)) return { file, rest: words.slice(n) };
  }
  return null;
}

const HELP = new Set(["--help", "-h", "help"]);

/**
 * CLI conventions: help asked for goes to stdout with exit 0 (`qualify --help`, `qualify <command> --help`);
 * `--version` prints the version; an unknown command or flag is a usage error on stderr with exit 2.
 */
export async function main(argv: readonly string[], io: CommandIo): Promise<number> {
  if (argv[0] === "--version" || argv[0] === "-V") {
    io.out(`qualify ${SUITE_VERSION}`);
    return 0;
  }
  const resolved = resolveCommand(argv);
  const asked = argv.length > 0 && HELP.has(argv[0]!);
  if (!resolved) {
    const print = asked ? io.out : io.err;
    if (!asked && argv.length > 0) print(`error: unknown command ${JSON.stringify(argv.join(" "))}`);
    print("usage: pnpm qualify <command> [args]   (pnpm qualify <command> --help for one command)\n");
    for (const name of available()) {
      const command = (
        (await import(pathToFileURL(join(COMMANDS_DIR, `${name}.ts`)).href)) as { default: QualifyCommand }
      ).default;
      print(`  ${command.usage.padEnd(60)} ${command.summary}`);
    }
    return asked ? 0 : 2;
  }
  const command = ((await import(pathToFileURL(resolved.file).href)) as { default: QualifyCommand }).default;
  if (resolved.rest.some((arg) => arg === "--help" || arg === "-h")) {
    io.out(`usage: pnpm qualify ${command.usage}\n\n${command.summary}`);
    return 0;
  }
  try {
    return await command.run(resolved.rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`error: ${error.message}\nusage: pnpm qualify ${command.usage}`);
      return 2;
    }
    throw error;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const io: CommandIo = {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    env: process.env,
    cwd: process.cwd(),
  };
  try {
    // qualify.config.ts (optional) as for test:qualify: variables already set win.
    await applyConfigFile(process.env, process.cwd());
    process.exitCode = await main(process.argv.slice(2), io);
  } catch (error) {
    if (!(error instanceof OptionsError)) throw error;
    io.err(`error: ${error.message}`);
    process.exitCode = 2;
  }
}
