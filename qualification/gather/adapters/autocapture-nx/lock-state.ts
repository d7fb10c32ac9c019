import { existsSync, readFileSync, statSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import type { Fault, RunEvidence } from "../../../../contracts/evidence.ts";
import type { SourceFile } from "../../../../contracts/plugin-inventory.ts";
import { sha256Hex } from "../../../shared/canonical/canonical-json.ts";
import { MAX_JSON_BYTES, readJsonObjectFile } from "../../../shared/io/read-json-file.ts";
import { sha256File } from "./hashing/sha256-file.ts";
import { readKeyring } from "./lock/keyring.ts";
import { parseLockfile } from "./lock/lockfile.ts";
import { verifyLockSignature } from "./lock/lock-signature.ts";
import type { FaultCode } from "../../../../contracts/fault-codes.ts";

export interface LockEntry {
  readonly artifact_sha256: string;
  readonly manifest_sha256: string;
  readonly kernel_api_version: string | null;
  readonly contract_lock_hash: string | null;
}

export interface LockState {
  readonly entries: ReadonlyMap<string, LockEntry>;
  readonly evidence: RunEvidence["lockfile"];
  readonly sources: readonly SourceFile[];
}

export interface LockInputs {
  readonly requireLockSignature: boolean;
  readonly keyringFile: string | null;
  readonly signatureFile: string | null;
}

/** The lockfile, `contracts/lock.json` and (when present or required) the lock signature, as evidence. */
export async function readLockState(root: string, lockfileRel: string, inputs: LockInputs): Promise<LockState> {
  const lockPath = isAbsolute(lockfileRel) ? lockfileRel : resolve(root, lockfileRel);
  const sources: SourceFile[] = [];
  const entries = new Map<string, LockEntry>();
  let fault: Fault | null = null;
  let format: string | null = null;
  let lockBytes: Buffer | null = null;
  const read = readLockBytes(lockPath, lockfileRel);
  if (!read.ok) {
    fault = read.fault;
  } else {
    lockBytes = read.bytes;
    sources.push({ path: lockfileRel, role: "lockfile", sha256: sha256Hex(lockBytes) });
    const parsed = parseLockfile(lockBytes.toString("utf8"), lockfileRel);
    if (!parsed.ok) {
      fault = {
        code: "LOCKFILE_INVALID",
        detail: `${lockfileRel}: ${parsed.issues.map((i) => `${i.pointer || "/"}: ${i.message}`).join("; ")}`,
        file: lockfileRel,
        issues: [...parsed.issues],
      };
    } else {
      format = parsed.lock.format;
      for (const [id, entry] of Object.entries(parsed.lock.plugins)) {
        entries.set(id, {
          artifact_sha256: entry.artifact_sha256,
          manifest_sha256: entry.manifest_sha256,
          kernel_api_version: entry.kernel_api_version,
          // The registry's `expected.get("contract_lock_hash") or lockfile.get("contract_lock_hash")`
          // (`autocapture_nx/plugin_system/registry.py` `_check_lock`): an empty entry value falls back too; null when
          // both are empty, which skips the check.
          contract_lock_hash: entry.contract_lock_hash || parsed.lock.contract_lock_hash || null,
        });
      }
    }
  }
  const contract = await readContractLock(root, sources);
  const signature = readSignature(lockPath, lockBytes, inputs, sources);
  return {
    entries,
    sources,
    evidence: {
      sha256: lockBytes ? sha256Hex(lockBytes) : null,
      format,
      fault,
      contract_lock_sha256: contract.sha256,
      contract_files: contract.files,
      signature,
    },
  };
}

/**
 * The lockfile's bytes, as the platform opens it (a symlink is followed, as Python's open() does); a directory,
 * an oversized or unreadable file is a fault with the OS's words, never an exception out of the session.
 */
function readLockBytes(path: string, rel: string): { ok: true; bytes: Buffer } | { ok: false; fault: Fault } {
  const fail = (code: FaultCode, detail: string) => ({
    ok: false as const,
    fault: { code, detail, file: rel, issues: [] },
  });
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return fail("LOCKFILE_INVALID", `${rel} is not a regular file`);
    if (stat.size > MAX_JSON_BYTES)
      return fail("LOCKFILE_INVALID", `${rel} is ${stat.size} bytes, over the ${MAX_JSON_BYTES}-byte limit`);
    return { ok: true, bytes: readFileSync(path) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT")
      return fail("LOCKFILE_MISSING", `Missing plugin lockfile: ${rel}`);
    return fail("LOCKFILE_INVALID", `${rel}: ${(error as Error).message}`);
  }
}

async function readContractLock(
  root: string,
  sources: SourceFile[],
): Promise<{ sha256: string | null; files: RunEvidence["lockfile"]["contract_files"] }> {
  const path = join(root, "contracts/lock.json");
  if (!existsSync(path)) return { sha256: null, files: [] };
  const sha256 = await sha256File(path);
  const read = readJsonObjectFile(path, "contracts/lock.json", "CONTRACT_LOCK");
  if (read.bytes) sources.push({ path: "contracts/lock.json", role: "contract_lock", sha256: sha256Hex(read.bytes) });
  if (!read.ok)
    return { sha256, files: [{ rel: "contracts/lock.json", expected: "a JSON object with files{}", actual: null }] };
  const listed =
    read.value.files && typeof read.value.files === "object" ? (read.value.files as Record<string, unknown>) : {};
  const files: RunEvidence["lockfile"]["contract_files"] = [];
  for (const rel of Object.keys(listed).sort()) {
    const expected = typeof listed[rel] === "string" ? (listed[rel] as string) : String(listed[rel]);
    const file = resolve(root, rel);
    const actual = file.startsWith(resolve(root)) && existsSync(file) ? await sha256File(file) : null;
    files.push({ rel, expected, actual });
  }
  return { sha256, files };
}

function readSignature(
  lockPath: string,
  lockBytes: Buffer | null,
  inputs: LockInputs,
  sources: SourceFile[],
): RunEvidence["lockfile"]["signature"] {
  const sigPath = inputs.signatureFile ?? `${lockPath}.sig.json`;
  const present = existsSync(sigPath);
  if (!present && !inputs.requireLockSignature) return { checked: false, required: false, result: "not_present" };
  // Bytes, not text: invalid UTF-8 must come out as signature_invalid_json, as it does in Python.
  const signatureText = present ? readFileSync(sigPath) : null;
  if (signatureText !== null) sources.push({ path: sigPath, role: "lock_signature", sha256: sha256Hex(signatureText) });
  const keyring = inputs.keyringFile ? readKeyring(inputs.keyringFile) : null;
  const result = verifyLockSignature({ lockfileBytes: lockBytes, signatureText, keyring });
  return { checked: true, required: inputs.requireLockSignature, result: result.ok ? "ok" : result.code };
}
