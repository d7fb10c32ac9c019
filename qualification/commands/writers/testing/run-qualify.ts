import { main } from "../../../cli/main.ts";
import { SUITE_ROOT } from "../../../shared/options/resolve-options.ts";

export interface QualifyRun {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout parsed as JSON (every writer prints one JSON document there); null when it is not JSON. */
  readonly json: Record<string, unknown> | null;
}

/** `pnpm qualify <argv…>` in process, with exactly this environment (plus PATH) and the suite root as cwd. */
export async function runQualify(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  cwd: string = SUITE_ROOT,
): Promise<QualifyRun> {
  const out: string[] = [];
  const err: string[] = [];
  const exitCode = await main(argv, {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    env: { PATH: process.env.PATH ?? "", ...env },
    cwd,
  });
  const stdout = out.join("\n");
  let json: Record<string, unknown> | null = null;
  try {
    json = JSON.parse(stdout) as Record<string, unknown>;
  } catch {
    json = null;
  }
  return { exitCode, stdout, stderr: err.join("\n"), json };
}
