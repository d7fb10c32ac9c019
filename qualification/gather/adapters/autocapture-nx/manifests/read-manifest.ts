import { closeSync, openSync, readSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import type { Fault, Issue, ManifestFacts } from "../../../../../contracts/evidence.ts";
import { readJsonObjectFile } from "../../../../shared/io/read-json-file.ts";
import { asPythonObject } from "../../../../shared/json/python-value.ts";
import { validateSchemaLite } from "../../../../shared/json/schema-lite.ts";
import { compatIssues } from "./kernel-compat.ts";
import type { FaultCode } from "../../../../../contracts/fault-codes.ts";

export interface ReadManifest {
  /** Null only when the file is so broken that no `plugin_id` can be recovered from it. */
  readonly pluginId: string | null;
  readonly facts: ManifestFacts;
}

export interface ManifestContext {
  readonly root: string;
  readonly kernelApiVersion: string;
  readonly schemaVersion: unknown;
  /** Null: do not validate (a caller that only locates manifests). */
  readonly manifestSchema: Record<string, unknown> | null;
  /**
   * Set when `contracts/plugin_manifest.schema.json` cannot be loaded: the platform then raises this for every
   * manifest that parses (`Missing plugin manifest schema` when the file is absent), so nothing may pass.
   */
  readonly manifestSchemaError?: string;
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];

/** Beyond this a manifest is not read (it is refused, named as such): a plugin.json is a few KiB. */
const MAX_MANIFEST_BYTES = 1024 * 1024;

/**
 * A broken manifest still names its plugin most of the time; recover the ID so the fault lands on that plugin
 * (from its first 64 KiB only, so an oversized or undecodable file costs no more than a small one).
 */
function recoverId(bytes: Buffer | null, absPath: string): string | null {
  let head = bytes?.subarray(0, 65536) ?? null;
  if (head === null) {
    try {
      const fd = openSync(absPath, "r");
      try {
        const buffer = Buffer.alloc(65536);
        head = buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, 0));
      } finally {
        closeSync(fd);
      }
    } catch {
      return null;
    }
  }
  const match = /"plugin_id"\s*:\s*"([^"\\]+)"/.exec(head.toString("latin1"));
  return match ? match[1]! : null;
}

export function readManifest(relPath: string, ctx: ManifestContext): ReadManifest {
  const dir = dirname(relPath);
  const empty: ManifestFacts = {
    path: relPath,
    dir,
    version: null,
    enabled_default: true,
    kinds: [],
    provides: [],
    required_capabilities: [],
    depends_on: [],
    replaces: [],
    network: false,
    fault: null,
  };
  const read = readJsonObjectFile(join(ctx.root, relPath), relPath, "MANIFEST", MAX_MANIFEST_BYTES);
  if (!read.ok)
    return { pluginId: recoverId(read.bytes, join(ctx.root, relPath)), facts: { ...empty, fault: read.fault } };
  const m = read.value;
  const pluginId = typeof m.plugin_id === "string" && m.plugin_id.length > 0 ? m.plugin_id : null;
  const entrypoints = Array.isArray(m.entrypoints)
    ? m.entrypoints.filter((e): e is Record<string, unknown> => !!e && typeof e === "object")
    : [];
  const permissions = (m.permissions && typeof m.permissions === "object" ? m.permissions : {}) as Record<
    string,
    unknown
  >;
  const facts: ManifestFacts = {
    ...empty,
    version: typeof m.version === "string" ? m.version : null,
    enabled_default: typeof m.enabled === "boolean" ? m.enabled : true,
    kinds: [...new Set(entrypoints.map((e) => e.kind).filter((k): k is string => typeof k === "string"))].sort(),
    provides: [...new Set(strings(m.provides))].sort(),
    required_capabilities: strings(m.required_capabilities),
    depends_on: strings(m.depends_on),
    replaces: strings(m.replaces),
    network: permissions.network === true,
  };
  if (ctx.manifestSchemaError !== undefined)
    return {
      pluginId,
      facts: {
        ...facts,
        fault: {
          ...fault("MANIFEST_SCHEMA", relPath, [{ pointer: "", message: ctx.manifestSchemaError }]),
          file: "contracts/plugin_manifest.schema.json",
        },
      },
    };
  // Validated as Python loaded it, so `"version": 1.0` is a float there too.
  const asPython = asPythonObject(read.bytes, m);
  const issues: Issue[] = ctx.manifestSchema ? validateSchemaLite(ctx.manifestSchema, asPython) : [];
  if (!pluginId) issues.push({ pointer: "/plugin_id", message: "$.plugin_id: expected a non-empty string" });
  if (issues.length > 0) return { pluginId, facts: { ...facts, fault: fault("MANIFEST_SCHEMA", relPath, issues) } };
  const compat = compatIssues(asPython, ctx.kernelApiVersion, ctx.schemaVersion);
  if (compat.length > 0) return { pluginId, facts: { ...facts, fault: fault("MANIFEST_COMPAT", relPath, compat) } };
  const escapes = entrypointIssues(entrypoints, join(ctx.root, dir));
  if (escapes.length > 0)
    return { pluginId, facts: { ...facts, fault: fault("ENTRYPOINT_ESCAPES_PLUGIN_DIR", relPath, escapes) } };
  return { pluginId, facts };
}

function fault(code: FaultCode, file: string, issues: Issue[]): Fault {
  return { code, file, issues, detail: `${file}: ${issues.map((issue) => issue.message).join("; ")}` };
}

/** An entrypoint must stay inside its plugin dir: a `../` path would load (and hash-bypass) foreign code. */
function entrypointIssues(entrypoints: Record<string, unknown>[], pluginDir: string): Issue[] {
  const issues: Issue[] = [];
  entrypoints.forEach((entry, index) => {
    if (typeof entry.path !== "string") return;
    const target = resolve(pluginDir, entry.path);
    const rel = relative(pluginDir, target);
    if (rel === "" || rel.split(sep)[0] === ".." || isAbsolute(entry.path))
      issues.push({
        pointer: `/entrypoints/${index}/path`,
        message: `entrypoint path ${JSON.stringify(entry.path)} escapes the plugin directory`,
      });
  });
  return issues;
}
