/** Small Markdown helpers shared by report.md and the GitHub step summary. Pure; no I/O. */

/** A table cell: one line, pipes escaped. */
export const cell = (text: string): string => text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");

/** Inline code that survives backticks inside the text. */
export function code(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = "`".repeat(longest + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${ticks}${pad}${cell(text)}${pad}${ticks}`;
}

/** A fenced block whose fence is longer than any backtick run inside it, indented under a list item. */
export function fenced(text: string, indent = "  "): string[] {
  const longest = Math.max(0, ...[...text.matchAll(/`{3,}/g)].map((m) => m[0].length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  return [`${indent}${fence}text`, ...text.split(/\r?\n/).map((line) => `${indent}${line}`), `${indent}${fence}`];
}

/** At most `max` characters, cut on a code point boundary, with the cut marked. */
export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max
    ? text
    : `${chars.slice(0, max).join("")}… (${chars.length - max} more characters in final.json)`;
}

const bytes = (text: string): number => Buffer.byteLength(text, "utf8");

/**
 * Deterministic truncation: whole lines are kept in order while the document stays under `maxBytes`, then a
 * note says how many lines were left out and where the complete result is. The first `keep` lines always stay.
 */
export function fitLines(lines: readonly string[], maxBytes: number, pointer: string, keep = 0): string {
  const full = `${lines.join("\n")}\n`;
  if (bytes(full) <= maxBytes) return full;
  const note = (omitted: number) =>
    `\n> **Truncated:** ${omitted} of ${lines.length} lines left out to keep this file under ${maxBytes} bytes. ${pointer}\n`;
  const reserve = bytes(note(lines.length));
  const kept: string[] = [];
  let size = 0;
  for (const [index, line] of lines.entries()) {
    const next = bytes(line) + 1;
    if (index >= keep && size + next + reserve > maxBytes) break;
    kept.push(line);
    size += next;
  }
  return `${kept.join("\n")}\n${note(lines.length - kept.length)}`;
}
