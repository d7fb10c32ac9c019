/**
 * Python's ordering of relative paths in `sha256_directory`: `sorted(key=lambda rel: (rel.casefold(), rel))`,
 * with strings compared by code point. `localeCompare` and `Intl.Collator` are wrong here by design (they sort
 * `_` after letters and fold accents); plain `<` compares UTF-16 code units, which differs from code points once
 * astral characters meet U+E000–U+FFFF.
 *
 * Casefold choice: implemented, not rejected. Rejecting non-ASCII names would turn a plugin with `café.md` into
 * an infrastructure error although the platform hashes it fine. Python's full case folding is reproduced per code
 * point as `lower(upper(c))`, which yields the full foldings (ß → ss, ﬁ → fi, ΐ → ΐ, ᾳ → αι) from the engine's
 * own Unicode tables, plus the three places where that identity breaks: Cherokee (folds to upper case), U+0131
 * (dotless ı has no folding) and U+1E9E (ẞ → ss). Checked exhaustively against CPython 3.11 (Unicode 14) over
 * every code point: identical for all characters assigned in Unicode 14; characters added later follow the
 * engine's newer tables, as a newer CPython would.
 */

const ASCII_ONLY = /^[\u0000-\u007f]*$/;
const folded = new Map<number, string>();

function foldCodePoint(cp: number): string {
  if (cp >= 0x13a0 && cp <= 0x13f5) return String.fromCodePoint(cp);
  if (cp >= 0x13f8 && cp <= 0x13fd) return String.fromCodePoint(cp - 8);
  if (cp >= 0xab70 && cp <= 0xabbf) return String.fromCodePoint(cp - 0x97d0);
  if (cp === 0x0131) return "\u0131";
  if (cp === 0x1e9e) return "ss";
  // Per code point, never on the whole string: String#toLowerCase applies the final-sigma context rule (Σ → ς),
  // which Python's casefold does not.
  let out = "";
  for (const upper of String.fromCodePoint(cp).toUpperCase()) out += upper.toLowerCase();
  return out;
}

/** Python `str.casefold()`. */
export function pythonCasefold(text: string): string {
  if (ASCII_ONLY.test(text)) return text.toLowerCase();
  let out = "";
  for (const char of text) {
    const cp = char.codePointAt(0)!;
    let fold = folded.get(cp);
    if (fold === undefined) {
      fold = foldCodePoint(cp);
      folded.set(cp, fold);
    }
    out += fold;
  }
  return out;
}

/** Maps a UTF-16 unit so that unit order equals code-point order: surrogates (astral) sort above U+E000–U+FFFF. */
const codePointRank = (unit: number): number => (unit < 0xd800 ? unit : unit < 0xe000 ? unit + 0x2000 : unit - 0x800);

/** Python `str` comparison: lexicographic by code point. */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

/** Comparator for `(rel.casefold(), rel)` tuples. */
export function comparePythonPathOrder(a: string, b: string): number {
  return compareCodePoints(pythonCasefold(a), pythonCasefold(b)) || compareCodePoints(a, b);
}

/** Sorts by `(key.casefold(), key)`, folding each key once. Returns a new array. */
export function sortByPythonPathOrder<T>(items: readonly T[], keyOf: (item: T) => string): T[] {
  return items
    .map((item) => {
      const key = keyOf(item);
      return { item, key, fold: pythonCasefold(key) };
    })
    .sort((x, y) => compareCodePoints(x.fold, y.fold) || compareCodePoints(x.key, y.key))
    .map(({ item }) => item);
}
