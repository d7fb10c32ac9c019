/** The closing lines of every writer's readable output: exactly which files it wrote, or that it wrote none. */
export function writtenLines(written: readonly string[], dryRun: boolean): string[] {
  if (written.length === 0) return [dryRun ? "dry run: nothing was written" : "nothing to write: no file was changed"];
  return ["wrote:", ...written.map((file) => `  ${file}`)];
}
