import { readFileSync } from "node:fs";
import { inspect } from "node:util";
import { z } from "zod";
import type { Issue } from "../../../../../contracts/evidence.ts";
import { jsonPointer } from "./lockfile.ts";
import { SecretKey } from "./secret-key.ts";
import { getOwn } from "../../../../shared/canonical/set-own.ts";

/**
 * The keyring file (`autocapture_nx/kernel/keyring.py` `KeyRing.load`). Loose objects: the platform ignores unknown
 * keys.
 */
const KeyRecordDocument = z.looseObject({
  key_id: z.string(),
  key_b64: z.string(),
  created_ts: z.string(),
  protected: z.boolean().optional(),
});
const PurposeDocument = z.looseObject({
  active_key_id: z.string().optional(),
  keys: z.array(KeyRecordDocument).optional(),
});
const KeyringV2Document = z.looseObject({ purposes: z.record(z.string(), z.unknown()).optional() });
const KeyringV1Document = z.looseObject({
  active_key_id: z.string().optional(),
  keys: z.array(KeyRecordDocument).optional(),
});
type KeyRecord = z.infer<typeof KeyRecordDocument>;
type PurposeKeys = { readonly activeKeyId: string; readonly records: readonly KeyRecord[] };

const PURPOSES = ["metadata", "media", "entity_tokens", "anchor"] as const;
const PURPOSE_ALIASES: Readonly<Record<string, string>> = { tokenization: "entity_tokens", tokens: "entity_tokens" };

export type KeyringErrorCode =
  | "KEYRING_MISSING"
  | "KEYRING_UNREADABLE"
  | "KEYRING_INVALID_JSON"
  | "KEYRING_NOT_OBJECT"
  | "KEYRING_UNSUPPORTED_VERSION"
  | "KEYRING_SCHEMA";

/**
 * A keyring file that cannot be used. Messages name the file and JSON pointers only: parser messages are never
 * copied, because a V8 JSON error quotes the text around the fault, and here that text is key material.
 */
export class KeyringError extends Error {
  readonly code: KeyringErrorCode;
  readonly file: string;
  readonly issues: readonly Issue[];
  /** The exception `KeyRing.load` raises for the same file, for `plugin_locks signature verify failed: <type>`. */
  readonly pythonExceptionType: string;

  constructor(code: KeyringErrorCode, file: string, issues: readonly Issue[], pythonExceptionType: string) {
    super(`${code}: ${file}: ${issues.map((issue) => `${issue.pointer || "/"}: ${issue.message}`).join("; ")}`);
    this.name = "KeyringError";
    this.code = code;
    this.file = file;
    this.issues = issues;
    this.pythonExceptionType = pythonExceptionType;
  }
}

export type KeyLookupCode = "PURPOSE_MISSING" | "KEY_ID_UNKNOWN" | "KEY_PROTECTED" | "KEY_INVALID_BASE64";
export type KeyLookup =
  | { readonly ok: true; readonly key_id: string; readonly key: SecretKey }
  | { readonly ok: false; readonly code: KeyLookupCode; readonly reason: string };

/** What lock-signature verification needs from a keyring. */
export interface KeySource {
  keyFor(purpose: string, keyId: string): KeyLookup;
}

/** Python `KeyRing._normalize_purpose`. */
export function normalizePurpose(purpose: string): string {
  const key = purpose.trim().toLowerCase();
  return key === "" ? "metadata" : (getOwn(PURPOSE_ALIASES, key) ?? key);
}

// `base64.b64decode` (non-validating) ignores foreign characters but insists on complete quads.
function decodeKey(keyB64: string): Buffer | null {
  const compact = keyB64.replace(/[^A-Za-z0-9+/=]/g, "");
  return /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(compact)
    ? Buffer.from(compact, "base64")
    : null;
}

/** A loaded keyring. Key records stay private; serialising the keyring shows purposes and key ids only. */
export class Keyring implements KeySource {
  readonly file: string;
  readonly #purposes: ReadonlyMap<string, PurposeKeys>;

  constructor(file: string, purposes: ReadonlyMap<string, PurposeKeys>) {
    this.file = file;
    this.#purposes = purposes;
  }

  /** Python `KeyRing.key_for`: first record with that id; DPAPI-protected keys only unwrap on Windows. */
  keyFor(purpose: string, keyId: string): KeyLookup {
    const name = normalizePurpose(purpose);
    const keys = this.#purposes.get(name);
    if (!keys) return { ok: false, code: "PURPOSE_MISSING", reason: `${this.file} has no keys for purpose ${name}` };
    const record = keys.records.find((candidate) => candidate.key_id === keyId);
    if (!record)
      return { ok: false, code: "KEY_ID_UNKNOWN", reason: `${this.file} has no ${name} key ${JSON.stringify(keyId)}` };
    if (record.protected)
      return {
        ok: false,
        code: "KEY_PROTECTED",
        reason: `${name} key ${JSON.stringify(keyId)} is DPAPI-protected; only Windows can unwrap it`,
      };
    const bytes = decodeKey(record.key_b64);
    if (!bytes)
      return {
        ok: false,
        code: "KEY_INVALID_BASE64",
        reason: `${name} key ${JSON.stringify(keyId)} is not valid base64`,
      };
    return { ok: true, key_id: keyId, key: new SecretKey(bytes) };
  }

  activeKey(purpose: string): KeyLookup {
    const name = normalizePurpose(purpose);
    const keys = this.#purposes.get(name);
    if (!keys) return { ok: false, code: "PURPOSE_MISSING", reason: `${this.file} has no keys for purpose ${name}` };
    return this.keyFor(name, keys.activeKeyId);
  }

  toJSON(): { file: string; purposes: Record<string, { active_key_id: string; key_ids: string[] }> } {
    const purposes = [...this.#purposes].sort(([a], [b]) => (a < b ? -1 : 1));
    return {
      file: this.file,
      purposes: Object.fromEntries(
        purposes.map(([name, keys]) => [
          name,
          { active_key_id: keys.activeKeyId, key_ids: keys.records.map((r) => r.key_id) },
        ]),
      ),
    };
  }

  [inspect.custom](): string {
    return `Keyring ${JSON.stringify(this.toJSON())}`;
  }
}

/** `int(data.get("schema_version", 1) or 1)`: falsy means 1, and Python's int() accepts "2", 2.0 and True. */
function pythonSchemaVersion(raw: unknown): number | null {
  if (raw === undefined || raw === null || raw === false || raw === 0 || raw === "") return 1;
  if (raw === true) return 1;
  if (typeof raw === "number" && Number.isFinite(raw)) return Math.trunc(raw);
  if (typeof raw === "string" && /^\s*[+-]?\d+\s*$/.test(raw)) return Number(raw.trim());
  return null;
}

const issuesOf = (error: z.ZodError): Issue[] =>
  error.issues.map((issue) => ({ pointer: jsonPointer(issue.path), message: issue.message }));
const purposeKeys = (doc: z.infer<typeof PurposeDocument>): PurposeKeys => {
  const records = doc.keys ?? [];
  return { activeKeyId: doc.active_key_id ?? records[0]?.key_id ?? "", records };
};

/**
 * Parses keyring text the way `KeyRing.load` reads it: schema_version 2 (per-purpose key sets; a purpose whose
 * payload is not an object is skipped) and legacy schema_version 1 (one key list shared by every purpose).
 * Returns a KeyringError instead of throwing: a broken keyring is evidence, not a crash.
 */
export function parseKeyring(text: string, file: string): Keyring | KeyringError {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const position = /position (\d+)/.exec((error as Error).message)?.[1];
    return new KeyringError(
      "KEYRING_INVALID_JSON",
      file,
      [{ pointer: "", message: position ? `invalid JSON at position ${position}` : "invalid JSON" }],
      "JSONDecodeError",
    );
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return new KeyringError(
      "KEYRING_NOT_OBJECT",
      file,
      [{ pointer: "", message: "top level is not an object" }],
      "AttributeError",
    );
  }
  const rawVersion = (value as Record<string, unknown>).schema_version;
  const version = pythonSchemaVersion(rawVersion);
  if (version !== 1 && version !== 2) {
    return new KeyringError(
      "KEYRING_UNSUPPORTED_VERSION",
      file,
      [
        {
          pointer: "/schema_version",
          message: `unsupported schema_version ${typeof rawVersion === "number" ? rawVersion : `(a ${typeof rawVersion})`}`,
        },
      ],
      "RuntimeError",
    );
  }
  if (version === 1) {
    const parsed = KeyringV1Document.safeParse(value);
    if (!parsed.success) return new KeyringError("KEYRING_SCHEMA", file, issuesOf(parsed.error), "KeyError");
    const shared = purposeKeys(parsed.data);
    return new Keyring(file, new Map(PURPOSES.map((purpose) => [purpose, shared])));
  }
  const parsed = KeyringV2Document.safeParse(value);
  if (!parsed.success) return new KeyringError("KEYRING_SCHEMA", file, issuesOf(parsed.error), "RuntimeError");
  const purposes = new Map<string, PurposeKeys>();
  const issues: Issue[] = [];
  for (const [name, payload] of Object.entries(parsed.data.purposes ?? {})) {
    if (payload === null || typeof payload !== "object" || Array.isArray(payload)) continue;
    const keys = PurposeDocument.safeParse(payload);
    if (keys.success) purposes.set(name, purposeKeys(keys.data));
    else
      issues.push(
        ...keys.error.issues.map((issue) => ({
          pointer: jsonPointer(["purposes", name, ...issue.path]),
          message: issue.message,
        })),
      );
  }
  return issues.length > 0 ? new KeyringError("KEYRING_SCHEMA", file, issues, "KeyError") : new Keyring(file, purposes);
}

/** Reads and parses a keyring file; a missing or unreadable file is a KeyringError too. */
export function readKeyring(path: string): Keyring | KeyringError {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const errno = (error as NodeJS.ErrnoException).code ?? "EIO";
    const code = errno === "ENOENT" ? "KEYRING_MISSING" : "KEYRING_UNREADABLE";
    return new KeyringError(
      code,
      path,
      [{ pointer: "", message: `cannot read the keyring (${errno})` }],
      errno === "ENOENT" ? "FileNotFoundError" : "OSError",
    );
  }
  return parseKeyring(text, path);
}
