import type { Issue } from "../../../../../contracts/evidence.ts";
import { pythonEquals, pythonStr, pythonTypeName } from "../../../../shared/json/python-value.ts";
import { pythonStrip } from "../../../../shared/json/python-strip.ts";

/**
 * The registry's `_parse_version`: strip, drop leading `v`s, split on `.`; a part of digits is its number, any
 * other part contributes its leading digits (`0rc1` → 0) or nothing at all (`rc1`, `~0`). ASCII digits only.
 */
export function parseVersion(text: string): number[] {
  const parts: number[] = [];
  for (const part of pythonStrip(text).replace(/^v+/, "").split(".")) {
    const digits = /^[0-9]*/.exec(part)![0];
    if (digits !== "") parts.push(Number(digits));
  }
  return parts;
}

/** Python tuple comparison: element by element, a proper prefix sorts first, so (0, 1) < (0, 1, 0). */
function compareTuples(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** `_version_satisfies(kernel, requirement)`: one operator (`>= <= > < ==`, default `==`), unpadded tuples. */
export function satisfiesKernel(requirement: string, kernel: string): boolean {
  let target = pythonStrip(requirement);
  const op = [">=", "<=", ">", "<", "=="].find((candidate) => target.startsWith(candidate)) ?? "==";
  if (target.startsWith(op)) target = pythonStrip(target.slice(op.length));
  const cmp = compareTuples(parseVersion(kernel), parseVersion(target));
  return op === ">=" ? cmp >= 0 : op === "<=" ? cmp <= 0 : op === ">" ? cmp > 0 : op === "<" ? cmp < 0 : cmp === 0;
}

const truthy = (v: unknown): boolean =>
  !(
    v === undefined ||
    v === null ||
    v === false ||
    v === 0 ||
    v === "" ||
    (Array.isArray(v) && v.length === 0) ||
    (typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 0)
  );

/**
 * The registry's `_check_compat`, with its error texts: an empty (falsy) `requires_kernel` or
 * `requires_schema_versions` is not checked; schema versions compare with Python's `==`. It raises at the
 * first failure, so at most one issue comes back.
 */
export function compatIssues(manifest: Record<string, unknown>, kernel: string, schemaVersion: unknown): Issue[] {
  const compat = manifest.compat;
  if (compat === null || typeof compat !== "object" || Array.isArray(compat)) return [];
  const id = pythonStr(manifest.plugin_id);
  const { requires_kernel: requiresKernel, requires_schema_versions: schemaVersions } = compat as Record<
    string,
    unknown
  >;
  if (truthy(requiresKernel)) {
    // A non-string requirement makes the platform's `.strip()` raise; that AttributeError is its manifest error.
    if (typeof requiresKernel !== "string")
      return [
        {
          pointer: "/compat/requires_kernel",
          message: `'${pythonTypeName(requiresKernel)}' object has no attribute 'strip'`,
        },
      ];
    if (!satisfiesKernel(requiresKernel, kernel))
      return [
        {
          pointer: "/compat/requires_kernel",
          message: `Plugin ${id} requires kernel ${requiresKernel}, have ${kernel}`,
        },
      ];
  }
  if (
    truthy(schemaVersions) &&
    !(Array.isArray(schemaVersions) && schemaVersions.some((v) => pythonEquals(schemaVersion, v)))
  )
    return [
      {
        pointer: "/compat/requires_schema_versions",
        message: `Plugin ${id} requires schema versions ${pythonStr(schemaVersions)}, have ${pythonStr(schemaVersion)}`,
      },
    ];
  return [];
}
