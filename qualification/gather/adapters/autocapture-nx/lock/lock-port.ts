import { createHash } from "node:crypto";
import type { LockDocument, LockPort } from "../../lock-port.ts";
import { LockRefusal } from "../../lock-port.ts";
import { sha256FileSync } from "../hashing/index.ts";
import { KeyringError, readKeyring } from "./keyring.ts";
import { formatLockHistoryName, parseLockHistoryName } from "./lock-history-name.ts";
import { locateLock } from "./lock-location.ts";
import { serializeSignatureFile, signLockfile } from "./lock-signature.ts";
import { parseLockfile, serializeLockfile, type LockfileDocument } from "./lockfile.ts";
import { openRelock } from "./relock-target.ts";

/** The signature's `lockfile_sha256` names these bytes (e.g. a rollback to the state it was made for). */
function signatureCovers(signature: Uint8Array, lockBytes: Uint8Array): boolean {
  try {
    const text = Buffer.from(signature).toString("utf8");
    const claimed = (JSON.parse(text) as { lockfile_sha256?: unknown }).lockfile_sha256;
    return claimed === createHash("sha256").update(lockBytes).digest("hex");
  } catch {
    return false;
  }
}

/**
 * Autocapture NX's lock files: `plugins.locks.lockfile` in minimal or extended v1, written as
 * `json.dumps(sort_keys=True, indent=2)`; snapshots named as `manager.py` `lockfile_snapshot` names them; signed
 * as `lock_signing.py` `sign_lockfile` signs, with the keyring's active `anchor` key.
 */
export const autocaptureLockPort: LockPort = {
  locate: locateLock,
  openRelock,
  parse(text, file) {
    const parsed = parseLockfile(text, file);
    return parsed.ok
      ? { ok: true, document: parsed.document, format: parsed.lock.format }
      : { ok: false, code: parsed.code, detail: parsed.detail };
  },
  // The engine only hands back documents this port parsed or planned.
  render: (document: LockDocument) => serializeLockfile(document as LockfileDocument),
  snapshots: {
    tagOf: (path) => sha256FileSync(path).slice(0, 12),
    format: ({ tag, ...name }) => formatLockHistoryName({ ...name, sha12: tag }),
    parse(fileName) {
      const parsed = parseLockHistoryName(fileName);
      return parsed.ok ? { at: parsed.name.at, microsecond: parsed.name.microsecond } : null;
    },
  },
  signer(keyringFile) {
    const keyring = readKeyring(keyringFile);
    if (keyring instanceof KeyringError)
      throw new LockRefusal("SIGNATURE_KEY_UNAVAILABLE", `keyring unusable: ${keyring.message}`, keyringFile);
    const active = keyring.activeKey("anchor");
    if (!active.ok)
      throw new LockRefusal("SIGNATURE_KEY_UNAVAILABLE", `no usable anchor key: ${active.reason}`, keyringFile);
    return {
      keyId: active.key_id,
      sign: (lockBytes) => serializeSignatureFile(signLockfile(lockBytes, active.key, active.key_id)),
    };
  },
  signatureCovers,
};
