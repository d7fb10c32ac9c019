/**
 * Stage lines a CI log can follow while a qualification runs (Vitest prints test results only as files
 * finish, and ours is one file): written straight to stderr, each with the seconds since the run started.
 */
const started = performance.now();

export function progress(line: string): void {
  process.stderr.write(`qualification: ${line} (${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
}
