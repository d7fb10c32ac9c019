import type { Issue } from "../../../../../contracts/evidence.ts";
import { setOwn } from "../../../../shared/canonical/set-own.ts";
import { isPlainObject } from "../../../../shared/json/deep-merge.ts";

/** Reads typed fields, collecting a JSON-pointer issue for each wrong type instead of stopping at the first. */
export class FieldReader {
  readonly issues: Issue[] = [];
  constructor(private readonly root: Record<string, unknown>) {}
  private at(pointer: string): unknown {
    return pointer
      .split("/")
      .slice(1)
      .reduce<unknown>((node, key) => (isPlainObject(node) ? node[key] : undefined), this.root);
  }
  strings(pointer: string): string[] {
    const value = this.at(pointer);
    if (value === undefined) return [];
    if (Array.isArray(value) && value.every((item) => typeof item === "string")) return value as string[];
    this.issues.push({ pointer, message: `${pointer}: expected an array of plugin ID strings` });
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
  }
  bool(pointer: string, fallback: boolean): boolean {
    const value = this.at(pointer);
    if (value === undefined) return fallback;
    if (typeof value === "boolean") return value;
    this.issues.push({ pointer, message: `${pointer}: expected a boolean` });
    return fallback;
  }
  string(pointer: string, fallback: string): string {
    const value = this.at(pointer);
    if (value === undefined) return fallback;
    if (typeof value === "string") return value;
    this.issues.push({ pointer, message: `${pointer}: expected a string` });
    return fallback;
  }
  boolMap(pointer: string): Record<string, boolean> {
    const value = this.at(pointer);
    if (value === undefined) return {};
    if (!isPlainObject(value)) {
      this.issues.push({ pointer, message: `${pointer}: expected an object of {plugin_id: bool}` });
      return {};
    }
    const out: Record<string, boolean> = {};
    for (const [key, item] of Object.entries(value)) {
      if (typeof item === "boolean") setOwn(out, key, item);
      else this.issues.push({ pointer: `${pointer}/${key}`, message: `${pointer}/${key}: expected a boolean` });
    }
    return out;
  }
  /** Per capability policy, its `preferred` IDs; the platform's own config schema judges the policies' shape. */
  preferredProviders(pointer: string): Record<string, string[]> {
    const value = this.at(pointer);
    if (!isPlainObject(value)) return {};
    const out: Record<string, string[]> = {};
    for (const [cap, policy] of Object.entries(value)) {
      const preferred = isPlainObject(policy) ? policy.preferred : undefined;
      if (Array.isArray(preferred))
        setOwn(
          out,
          cap,
          preferred.filter((id): id is string => typeof id === "string"),
        );
    }
    return out;
  }
  /** `plugins.quarantine` may be an object keyed by ID or an array of IDs (`registry.py` `load_plugins` reads both). */
  idsOfObjectOrArray(pointer: string): string[] {
    const value = this.at(pointer);
    if (value === undefined || value === null) return [];
    if (Array.isArray(value)) return this.strings(pointer);
    if (isPlainObject(value)) return Object.keys(value);
    this.issues.push({ pointer, message: `${pointer}: expected an object or an array of IDs` });
    return [];
  }
}
