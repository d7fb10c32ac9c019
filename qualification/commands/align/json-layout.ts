import type { JsonNode, OrderedJson } from "../../shared/json/ordered-json.ts";

/** How a JSON file is laid out; enough to write an edited tree back in the file's own conventions. */
export interface JsonLayout {
  /** One level of indentation (`"  "`, `"    "`, `"\t"`); null for a single-line file. */
  readonly indent: string | null;
  readonly newline: "\n" | "\r\n";
  readonly itemSeparator: string;
  readonly keySeparator: string;
  /** Non-ASCII characters are written as `\uXXXX` (Python's default `ensure_ascii`). */
  readonly asciiOnly: boolean;
}

/** Serialises a tree: containers laid out as `json.dumps(indent=…)` / `JSON.stringify(…, null, n)` do. */
export function writeOrderedJson(doc: OrderedJson, layout: JsonLayout): string {
  const write = (node: JsonNode, depth: number): string => {
    if (node.kind === "scalar") return node.raw;
    const parts =
      node.kind === "array"
        ? node.items.map((item) => write(item, depth + 1))
        : node.entries.map((entry) => `${entry.rawKey}${layout.keySeparator}${write(entry.value, depth + 1)}`);
    const [open, close] = node.kind === "array" ? ["[", "]"] : ["{", "}"];
    if (parts.length === 0) return `${open}${close}`;
    if (layout.indent === null) return `${open}${parts.join(layout.itemSeparator)}${close}`;
    const inner = `${layout.newline}${layout.indent.repeat(depth + 1)}`;
    return `${open}${inner}${parts.join(`${layout.itemSeparator}${inner}`)}${layout.newline}${layout.indent.repeat(depth)}${close}`;
  };
  return `${doc.prefix}${write(doc.root, 0)}${doc.suffix}`;
}

export type LayoutDetection =
  | { readonly ok: true; readonly layout: JsonLayout }
  | { readonly ok: false; readonly line: number; readonly expected: string; readonly actual: string };

/**
 * The layout that writes this very file back byte for byte, or where the closest candidate first differs
 * (hand-aligned values, one-line arrays inside an indented file, …). Only a layout that reproduces the
 * original exactly is trusted to write the edited file.
 */
export function detectLayout(text: string, doc: OrderedJson): LayoutDetection {
  const newline = text.includes("\r\n") ? "\r\n" : "\n";
  const body = text.slice(doc.prefix.length, text.length - doc.suffix.length);
  const multiline = body.includes("\n");
  // `indent=0` writes newlines without indentation, so a multi-line file without any is indent "".
  const indent = multiline
    ? (new RegExp(`${newline === "\r\n" ? "\\r\\n" : "\\n"}([ \\t]+)`).exec(body)?.[1] ?? "")
    : null;
  const asciiOnly = !/[^\u0000-\u007f]/.test(body);
  const candidates: JsonLayout[] = [];
  const pairs: Array<[string, string]> = !multiline
    ? [
        [", ", ": "],
        [",", ":"],
        [",", ": "],
        [", ", ":"],
      ]
    : [
        [",", ": "],
        [",", ":"],
        [", ", ": "],
        [",", " : "],
      ];
  for (const [itemSeparator, keySeparator] of pairs)
    candidates.push({ indent, newline, itemSeparator, keySeparator, asciiOnly });
  for (const layout of candidates) if (writeOrderedJson(doc, layout) === text) return { ok: true, layout };
  const attempt = writeOrderedJson(doc, candidates[0]!).split("\n");
  const lines = text.split("\n");
  const line = lines.findIndex((actual, index) => actual !== attempt[index]);
  return { ok: false, line: line + 1, expected: attempt[line] ?? "", actual: lines[line] ?? "" };
}
