/** RFC 6901 pointers: reading a value, and listing where two JSON values differ. */

function unescapeToken(token: string): string {
  return token.replace(/~1/g, "/").replace(/~0/g, "~");
}

export function escapeToken(token: string): string {
  return token.replace(/~/g, "~0").replace(/\//g, "~1");
}

export function getPointer(value: unknown, pointer: string): { found: true; value: unknown } | { found: false } {
  if (pointer === "") return { found: true, value };
  if (!pointer.startsWith("/")) return { found: false };
  let node: unknown = value;
  for (const raw of pointer.slice(1).split("/")) {
    const token = unescapeToken(raw);
    if (Array.isArray(node) && /^(0|[1-9]\d*)$/.test(token) && Number(token) < node.length) node = node[Number(token)];
    else if (node !== null && typeof node === "object" && !Array.isArray(node) && Object.hasOwn(node, token))
      node = (node as Record<string, unknown>)[token];
    else return { found: false };
  }
  return { found: true, value: node };
}

export interface JsonDifference {
  readonly pointer: string;
  readonly left: unknown;
  readonly right: unknown;
}

/** Every leaf-level difference, sorted by pointer; `undefined` marks a side where the member is absent. */
export function diffJson(left: unknown, right: unknown, pointer = "", out: JsonDifference[] = []): JsonDifference[] {
  if (Array.isArray(left) && Array.isArray(right)) {
    for (let i = 0; i < Math.max(left.length, right.length); i++) diffJson(left[i], right[i], `${pointer}/${i}`, out);
  } else if (isObject(left) && isObject(right)) {
    for (const key of [...new Set([...Object.keys(left), ...Object.keys(right)])].sort())
      diffJson(left[key], right[key], `${pointer}/${escapeToken(key)}`, out);
  } else if (JSON.stringify(left) !== JSON.stringify(right)) {
    out.push({ pointer, left, right });
  }
  return out;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  return diffJson(a, b).length === 0;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
