export { diffLockDocuments, renderLockDiff } from "./diff-lock-documents.ts";
export { resolveLockPaths } from "./lock-paths.ts";
export { locateSnapshot, readLockSnapshot } from "./read-lock-snapshot.ts";
export { renderLockRollback, renderLockSign, renderLockUpdate } from "./render-lock-reports.ts";
export { runLockRollback } from "./run-lock-rollback.ts";
export { runLockSign } from "./run-lock-sign.ts";
export { runLockUpdate } from "./run-lock-update.ts";
