export {
  Lockfile,
  LockEntryDocument,
  MinimalLockfileDocument,
  ExtendedLockfileDocument,
  LOCKFILE_FAULT_CODES,
  jsonPointer,
  lockfileDocumentFrom,
  parseLockfile,
  serializeLockfile,
} from "./lockfile.ts";
export type { LockEntry, LockfileDocument, LockfileFaultCode, LockfileParse } from "./lockfile.ts";
export { LockHistoryNameError, formatLockHistoryName, parseLockHistoryName } from "./lock-history-name.ts";
export type { LockHistoryName } from "./lock-history-name.ts";
export { serializeSignatureFile, signLockfile, verifyLockSignature } from "./lock-signature.ts";
export { KeyringError, readKeyring } from "./keyring.ts";
export { SecretKey } from "./secret-key.ts";
