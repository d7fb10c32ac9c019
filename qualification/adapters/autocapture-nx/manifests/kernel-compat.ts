/** `requires_kernel` check (reference §7.1): operators `>= <= > < ==`, numeric dotted compare. */
export function satisfiesKernel(requirement: string, kernel: string): boolean {
  const match = /^\s*(>=|<=|==|>|<)?\s*([0-9]+(?:\.[0-9]+)*)\s*$/.exec(requirement);
  if (!match) return false;
  const op = match[1] ?? "==";
  const cmp = compareDotted(kernel, match[2]!);
  switch (op) {
    case ">=":
      return cmp >= 0;
    case "<=":
      return cmp <= 0;
    case ">":
      return cmp > 0;
    case "<":
      return cmp < 0;
    default:
      return cmp === 0;
  }
}

function compareDotted(a: string, b: string): number {
  const left = a.split(".").map(Number);
  const right = b.split(".").map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const diff = (left[i] ?? 0) - (right[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}
