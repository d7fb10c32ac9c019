import { compareCodePoints } from "../canonical/canonical-json.ts";
import { fromPlain, type JsonNode, type OrderedJson } from "./ordered-json.ts";

/** The RFC 6902 operations the suite emits (`qualify align` plans with them): add, remove, replace. */
export type JsonPatchOp =
  | { readonly op: "add"; readonly path: string; readonly value: unknown }
  | { readonly op: "remove"; readonly path: string }
  | { readonly op: "replace"; readonly path: string; readonly value: unknown };

/** RFC 6901: `~` → `~0`, `/` → `~1`. */
export const pointerOf = (...parts: ReadonlyArray<string | number>): string =>
  parts.map((part) => `/${String(part).replaceAll("~", "~0").replaceAll("/", "~1")}`).join("");
const tokensOf = (pointer: string): string[] =>
  pointer
    .split("/")
    .slice(1)
    .map((token) => token.replaceAll("~1", "/").replaceAll("~0", "~"));

const isSorted = (keys: readonly string[]): boolean =>
  keys.every((key, index) => index === 0 || compareCodePoints(keys[index - 1]!, key) <= 0);

/**
 * Applies one operation to an ordered tree, immutably. Where RFC 6902 leaves an object member's position
 * open (`add` of a new key), the key goes where the file's convention puts it: in code-point order when the
 * object's keys are sorted, else last. Array positions are exactly the patch's. A path that does not apply is
 * a bug in the patch, never a user error, so it throws.
 */
function applyOne(node: JsonNode, tokens: readonly string[], op: JsonPatchOp, asciiOnly: boolean): JsonNode {
  const [token, ...rest] = tokens;
  if (token === undefined) throw new Error(`internal: ${op.op} ${op.path} addresses the document root`);
  if (node.kind === "scalar") throw new Error(`internal: ${op.path} walks into a scalar`);
  const last = rest.length === 0;
  if (node.kind === "array") {
    const index = token === "-" ? node.items.length : Number(token);
    if (
      !/^(0|[1-9]\d*|-)$/.test(token) ||
      index > node.items.length ||
      (index === node.items.length && !(last && op.op === "add"))
    )
      throw new Error(`internal: ${op.op} ${op.path}: no index ${token}`);
    const items = [...node.items];
    if (!last) items[index] = applyOne(items[index]!, rest, op, asciiOnly);
    else if (op.op === "add") items.splice(index, 0, fromPlain(op.value, asciiOnly));
    else if (op.op === "remove") items.splice(index, 1);
    else items[index] = fromPlain(op.value, asciiOnly);
    return { kind: "array", items };
  }
  const at = node.entries.findIndex((entry) => entry.key === token);
  const entries = [...node.entries];
  if (!last) {
    if (at < 0) throw new Error(`internal: ${op.op} ${op.path}: no member ${token}`);
    entries[at] = { ...entries[at]!, value: applyOne(entries[at]!.value, rest, op, asciiOnly) };
  } else if (op.op === "remove") {
    if (at < 0) throw new Error(`internal: remove ${op.path}: no member ${token}`);
    entries.splice(at, 1);
  } else if (at >= 0) {
    entries[at] = { ...entries[at]!, value: fromPlain(op.value, asciiOnly) };
  } else if (op.op === "replace") {
    throw new Error(`internal: replace ${op.path}: no member ${token}`);
  } else {
    const member = fromPlain({ [token]: op.value }, asciiOnly);
    const entry = member.kind === "object" ? member.entries[0]! : null;
    const keys = entries.map((e) => e.key);
    const position = isSorted(keys) ? keys.filter((key) => compareCodePoints(key, token) < 0).length : entries.length;
    entries.splice(position, 0, entry!);
  }
  return { kind: "object", entries };
}

/** Applies a patch in order, as RFC 6902 §3 requires (each operation sees the result of the previous one). */
export function applyJsonPatch(doc: OrderedJson, patch: readonly JsonPatchOp[], asciiOnly: boolean): OrderedJson {
  let root = doc.root;
  for (const op of patch) root = applyOne(root, tokensOf(op.path), op, asciiOnly);
  return { ...doc, root };
}
