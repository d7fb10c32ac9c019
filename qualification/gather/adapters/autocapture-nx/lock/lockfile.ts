import { z } from "zod";
import { LockEntryFacts, type Issue } from "../../../../../contracts/evidence.ts";
import { PYTHON_BOM_ERROR } from "../../../../shared/io/read-json-file.ts";
import { pythonJsonDumps } from "../../../../shared/json/python-json-dumps.ts";

/**
 * `config/plugin_locks.json` in both shapes the platform has written: minimal v1 (`{artifact_sha256, manifest_sha256}`
 * entries) and extended v1 (`tools/hypervisor/scripts/update_plugin_locks.py`, `PluginManager.approve_hashes`).
 * Objects are loose: the registry ignores keys it does not know, so rejecting them would fail plugins the
 * platform loads. Entry-level extended fields are optional in both shapes because `update_lock_entry` still
 * writes minimal entries into an extended file.
 */
export const LockEntryDocument = z.looseObject({
  artifact_sha256: z.string(),
  manifest_sha256: z.string(),
  kernel_api_version: z.string().nullable().optional(),
  contract_lock_hash: z.string().nullable().optional(),
  sbom: z.looseObject({ requirements: z.array(z.string()), requirements_sha256: z.string().nullable() }).optional(),
});

export const MinimalLockfileDocument = z.looseObject({
  generated_at: z.string(),
  plugins: z.record(z.string(), LockEntryDocument),
  version: z.literal(1),
});

export const ExtendedLockfileDocument = MinimalLockfileDocument.extend({
  contract_lock_hash: z.string(),
  kernel_api_version: z.string(),
});

/** The file as stored; `serializeLockfile` writes it back byte for byte. */
export type LockfileDocument = z.infer<typeof MinimalLockfileDocument> | z.infer<typeof ExtendedLockfileDocument>;

/** The parsed view the checks use: both formats in one shape, absent fields as null. */
export const Lockfile = z
  .object({
    format: z.enum(["minimal_v1", "extended_v1"]),
    version: z.literal(1),
    generated_at: z.string(),
    kernel_api_version: z.string().nullable(),
    contract_lock_hash: z.string().nullable(),
    plugins: z.record(z.string(), LockEntryFacts),
  })
  .strict();
export type Lockfile = z.infer<typeof Lockfile>;
export type LockEntry = z.infer<typeof LockEntryFacts>;

export const LOCKFILE_FAULT_CODES = ["LOCKFILE_INVALID_JSON", "LOCKFILE_NOT_OBJECT", "LOCKFILE_SCHEMA"] as const;
export type LockfileFaultCode = (typeof LOCKFILE_FAULT_CODES)[number];

export type LockfileParse =
  | { readonly ok: true; readonly lock: Lockfile; readonly document: LockfileDocument }
  | {
      readonly ok: false;
      readonly code: LockfileFaultCode;
      readonly file: string;
      readonly detail: string;
      readonly issues: readonly Issue[];
    };

/** RFC 6901: `~` → `~0`, `/` → `~1`, so plugin IDs containing `/` still point at one member. */
export function jsonPointer(path: readonly PropertyKey[]): string {
  return path.map((part) => `/${String(part).replaceAll("~", "~0").replaceAll("/", "~1")}`).join("");
}

function failure(code: LockfileFaultCode, file: string, issues: Issue[]): LockfileParse {
  const shown = issues.map((issue) => `${issue.pointer || "/"}: ${issue.message}`).join("; ");
  return { ok: false, code, file, issues, detail: `${file}: ${shown}` };
}

function normalize(document: LockfileDocument, format: Lockfile["format"]): Lockfile {
  const top = document as Partial<z.infer<typeof ExtendedLockfileDocument>>;
  return {
    format,
    version: 1,
    generated_at: document.generated_at,
    kernel_api_version: top.kernel_api_version ?? null,
    contract_lock_hash: top.contract_lock_hash ?? null,
    // fromEntries defines own properties, so an ID such as `__proto__` stays a plugin and not a prototype.
    plugins: Object.fromEntries(
      Object.entries(document.plugins).map(([id, entry]) => [
        id,
        {
          artifact_sha256: entry.artifact_sha256,
          manifest_sha256: entry.manifest_sha256,
          kernel_api_version: entry.kernel_api_version ?? null,
          contract_lock_hash: entry.contract_lock_hash ?? null,
        },
      ]),
    ),
  };
}

/**
 * Parses lockfile text, reporting every schema problem at once with its JSON pointer. The format is extended
 * when the top level carries `kernel_api_version` or `contract_lock_hash`; an extended file must then have both.
 */
export function parseLockfile(text: string, file: string): LockfileParse {
  let value: unknown;
  if (text.charCodeAt(0) === 0xfeff)
    return failure("LOCKFILE_INVALID_JSON", file, [{ pointer: "", message: `invalid JSON: ${PYTHON_BOM_ERROR}` }]);
  try {
    value = JSON.parse(text);
  } catch (error) {
    return failure("LOCKFILE_INVALID_JSON", file, [
      { pointer: "", message: `invalid JSON: ${(error as Error).message}` },
    ]);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    const kind = value === null ? "null" : Array.isArray(value) ? "an array" : typeof value;
    return failure("LOCKFILE_NOT_OBJECT", file, [{ pointer: "", message: `top level is ${kind}, expected an object` }]);
  }
  const extended = Object.hasOwn(value, "kernel_api_version") || Object.hasOwn(value, "contract_lock_hash");
  const parsed = (extended ? ExtendedLockfileDocument : MinimalLockfileDocument).safeParse(value);
  if (!parsed.success) {
    return failure(
      "LOCKFILE_SCHEMA",
      file,
      parsed.error.issues.map((issue) => ({ pointer: jsonPointer(issue.path), message: issue.message })),
    );
  }
  return { ok: true, document: parsed.data, lock: normalize(parsed.data, extended ? "extended_v1" : "minimal_v1") };
}

/**
 * Python `json.dumps(document, sort_keys=True, indent=2)` with no trailing newline: the exact bytes the platform
 * writes, which matters because the lock signature covers the raw bytes.
 */
export function serializeLockfile(document: LockfileDocument): string {
  return pythonJsonDumps(document, { indent: 2, sortKeys: true });
}

/**
 * The document a platform writer would produce for a parsed lock (for fixtures): extended entries carry the
 * empty `sbom` builtins have; an entry without kernel/contract fields stays minimal, as `update_lock_entry` writes it.
 */
export function lockfileDocumentFrom(lock: Lockfile): LockfileDocument {
  const plugins = Object.fromEntries(
    Object.entries(lock.plugins).map(([id, entry]) => {
      const minimal = { artifact_sha256: entry.artifact_sha256, manifest_sha256: entry.manifest_sha256 };
      if (entry.kernel_api_version === null && entry.contract_lock_hash === null) return [id, minimal];
      return [
        id,
        {
          ...minimal,
          kernel_api_version: entry.kernel_api_version,
          contract_lock_hash: entry.contract_lock_hash,
          sbom: { requirements: [], requirements_sha256: null },
        },
      ];
    }),
  );
  const base = { generated_at: lock.generated_at, plugins, version: 1 as const };
  if (lock.format === "minimal_v1") return base;
  return {
    ...base,
    kernel_api_version: lock.kernel_api_version ?? "",
    contract_lock_hash: lock.contract_lock_hash ?? "",
  };
}
