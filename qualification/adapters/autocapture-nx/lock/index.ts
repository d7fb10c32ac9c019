export { Lockfile, parseLockfile, serializeLockfile } from "./lockfile.ts";
export type { LockfileDocument } from "./lockfile.ts";
export { LockHistoryNameError, formatLockHistoryName, parseLockHistoryName } from "./lock-history-name.ts";
export type { LockHistoryName } from "./lock-history-name.ts";
export { serializeSignatureFile, signLockfile, verifyLockSignature } from "./lock-signature.ts";
export { KeyringError, readKeyring } from "./keyring.ts";
export { SecretKey } from "./secret-key.ts";
