type Op = { readonly kind: " " | "-" | "+"; readonly text: string; readonly a: number; readonly b: number };

/** Line edit script: common prefix and suffix trimmed first, so the quadratic LCS only sees the changed middle. */
function editScript(a: readonly string[], b: readonly string[]): Op[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const n = endA - start;
  const m = endB - start;
  const width = m + 1;
  const lcs = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i * width + j] = a[start + i] === b[start + j] ? lcs[(i + 1) * width + j + 1]! + 1 : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!);
  const ops: Op[] = [];
  for (let k = 0; k < start; k++) ops.push({ kind: " ", text: a[k]!, a: k, b: k });
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[start + i] === b[start + j]) {
      ops.push({ kind: " ", text: a[start + i]!, a: start + i, b: start + j });
      i++;
      j++;
    } else if (i < n && (j === m || lcs[(i + 1) * width + j]! >= lcs[i * width + j + 1]!)) {
      // Deletions before insertions, as diff(1) shows a replaced line.
      ops.push({ kind: "-", text: a[start + i]!, a: start + i, b: start + j });
      i++;
    } else {
      ops.push({ kind: "+", text: b[start + j]!, a: start + i, b: start + j });
      j++;
    }
  }
  for (let k = 0; k < a.length - endA; k++) ops.push({ kind: " ", text: a[endA + k]!, a: endA + k, b: endB + k });
  return ops;
}

/**
 * A unified diff (`---`/`+++`/`@@` hunks with `context` lines around each change) for people to read; the
 * machine-readable form of a change is the command's JSON. Empty when the texts are equal.
 */
export function lineDiff(before: string, after: string, labels: { readonly a: string; readonly b: string }, context = 2): string[] {
  if (before === after) return [];
  const ops = editScript(before.split("\n"), after.split("\n"));
  const changed = ops.map((op, index) => (op.kind === " " ? -1 : index)).filter((index) => index >= 0);
  const out = [`--- ${labels.a}`, `+++ ${labels.b}`];
  let cursor = 0;
  while (cursor < changed.length) {
    const first = changed[cursor]!;
    let last = first;
    while (cursor + 1 < changed.length && changed[cursor + 1]! - last <= context * 2 + 1) last = changed[++cursor]!;
    cursor++;
    const from = Math.max(0, first - context);
    const to = Math.min(ops.length - 1, last + context);
    const hunk = ops.slice(from, to + 1);
    const countA = hunk.filter((op) => op.kind !== "+").length;
    const countB = hunk.filter((op) => op.kind !== "-").length;
    out.push(`@@ -${hunk[0]!.a + 1},${countA} +${hunk[0]!.b + 1},${countB} @@`);
    for (const op of hunk) out.push(`${op.kind}${op.text}`);
  }
  return out;
}
