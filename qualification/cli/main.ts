import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { UsageError, type CommandIo, type QualifyCommand } from "./command.ts";

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

export async function main(argv: readonly string[], io: CommandIo): Promise<number> {
  const resolved = resolveCommand(argv);
  if (!resolved || argv[0] === "--help" || argv[0] === "help") {
    io.err("usage: pnpm qualify <command> [args]\n");
    for (const name of available()) {
      const command = ((await import(pathToFileURL(join(COMMANDS_DIR, `${name}.ts`)).href)) as { default: QualifyCommand }).default;
      io.err(`  ${command.usage.padEnd(60)} ${command.summary}`);
    }
    return resolved || argv[0] === "--help" || argv[0] === "help" ? 0 : 2;
  }
  const command = ((await import(pathToFileURL(resolved.file).href)) as { default: QualifyCommand }).default;
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
  const io: CommandIo = { out: (line) => process.stdout.write(`${line}\n`), err: (line) => process.stderr.write(`${line}\n`), env: process.env, cwd: process.cwd() };
  process.exitCode = await main(process.argv.slice(2), io);
}
