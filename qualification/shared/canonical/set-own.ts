/**
 * `target[key] = value` as an own, enumerable data property, for keys that come from data (plugin IDs,
 * capability names, JSON members). Plain assignment of `__proto__` would replace the object's prototype and
 * drop the member, so a plugin or a JSON key named `__proto__` would silently vanish from evidence; this
 * defines it exactly as `JSON.parse` does.
 */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** `record[key]` only when `key` is the record's own member: `constructor` or `toString` are not in `{}`. */
export function getOwn<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
