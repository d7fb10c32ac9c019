/**
 * The layered-JSON overlay rule: objects merge recursively, arrays and scalars are replaced wholesale (Autocapture NX:
 * `autocapture_nx/kernel/config.py` `_deep_merge`).
 */
export function deepMerge(base: unknown, override: unknown): unknown {
  if (isPlainObject(base) && isPlainObject(override)) {
    const out: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(override)) out[key] = key in base ? deepMerge(base[key], value) : value;
    return out;
  }
  return override;
}

/** A JSON object; class instances such as a boxed Python float (`PyFloat`) are values, not objects to merge. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
