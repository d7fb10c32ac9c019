/**
 * Python `str.isspace()` characters. JS `trim()` differs: it keeps U+001C–U+001F and U+0085 but strips U+FEFF,
 * and the platform strips key ids, signature hex and snapshot reasons with Python's set.
 */
const PY_SPACE = "[\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
const EDGES = new RegExp(`^${PY_SPACE}+|${PY_SPACE}+$`, "g");

/** Python `str.strip()` with no argument. */
export function pythonStrip(text: string): string {
  return text.replace(EDGES, "");
}
