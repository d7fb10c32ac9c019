export { Lockfile, LockEntryDocument, MinimalLockfileDocument, ExtendedLockfileDocument, LOCKFILE_FAULT_CODES, jsonPointer, lockfileDocumentFrom, parseLockfile, serializeLockfile } from "./lockfile.ts";
export type { LockEntry, LockfileDocument, LockfileFaultCode, LockfileParse } from "./lockfile.ts";
export { LockHistoryNameError, formatLockHistoryName, parseLockHistoryName } from "./lock-history-name.ts";
export type { LockHistoryName, LockHistoryNameCode, LockHistoryNameParse } from "./lock-history-name.ts";
export { SIGNATURE_RESULT_CODES, derivePluginLocksKey, serializeSignatureFile, signLockfile, verifyLockSignature } from "./lock-signature.ts";
export type { LockSignatureVerification, SignatureFile, SignatureResultCode, VerifyLockSignatureInput } from "./lock-signature.ts";
export { Keyring, KeyringError, normalizePurpose, parseKeyring, readKeyring } from "./keyring.ts";
export type { KeyLookup, KeyLookupCode, KeySource, KeyringErrorCode } from "./keyring.ts";
export { SecretKey } from "./secret-key.ts";
