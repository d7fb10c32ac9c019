import { structuredPatch } from "diff";

/**
 * A unified diff (`---`/`+++`/`@@` hunks with `context` lines around each change) for people to read; the
 * machine-readable form of a change is the command's JSON. Empty when the texts are equal. The edit script is
 * jsdiff's (Myers, linear space): a hand-written LCS table took 11 s and 458 MiB on a 10,000-line config.
 * jsdiff's "\ No newline at end of file" markers are left out: lines here are compared without their endings.
 */
export function lineDiff(
  before: string,
  after: string,
  labels: { readonly a: string; readonly b: string },
  context = 2,
): string[] {
  if (before === after) return [];
  const patch = structuredPatch(labels.a, labels.b, before, after, undefined, undefined, { context });
  const out = [`--- ${labels.a}`, `+++ ${labels.b}`];
  for (const hunk of patch.hunks) {
    out.push(`@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`);
    for (const line of hunk.lines) if (!line.startsWith("\\")) out.push(line);
  }
  return out;
}
