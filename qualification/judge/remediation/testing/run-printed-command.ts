import { runQualify, type QualifyRun } from "../../../commands/writers/testing/run-qualify.ts";

/** Splits a printed command the way sh does for the quoting remediations use: bare words and "…" with \ escapes. */
export function splitShellWords(line: string): string[] {
  const words: string[] = [];
  let current: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (char === " ") {
      if (current !== null) words.push(current);
      current = null;
    } else if (char === '"') {
      current ??= "";
      for (i++; i < line.length && line[i] !== '"'; i++)
        current += line[i] === "\\" && /["\\$`]/.test(line[i + 1] ?? "") ? line[++i] : line[i];
      if (i >= line.length) throw new Error(`unterminated quote in ${line}`);
    } else if (/[\\'|;&<>()$`]/.test(char)) {
      throw new Error(`unsupported shell syntax ${JSON.stringify(char)} in ${line}`);
    } else current = (current ?? "") + char;
  }
  if (current !== null) words.push(current);
  return words;
}

/**
 * Runs a remediation's printed `[VAR=value …] pnpm qualify <words…>` exactly as printed, in process: the
 * variables become the command's environment (over `baseEnv`), the words its argv.
 */
export async function runPrintedCommand(
  command: string,
  baseEnv: NodeJS.ProcessEnv = {},
): Promise<QualifyRun & { readonly argv: readonly string[] }> {
  const words = splitShellWords(command);
  const env: NodeJS.ProcessEnv = { ...baseEnv };
  while (words.length > 0 && /^[A-Z_][A-Z0-9_]*=/.test(words[0]!)) {
    const [name, ...value] = words.shift()!.split("=");
    env[name!] = value.join("=");
  }
  if (words[0] !== "pnpm" || words[1] !== "qualify") throw new Error(`not a pnpm qualify command: ${command}`);
  const argv = words.slice(2);
  return { ...(await runQualify(argv, env)), argv };
}
