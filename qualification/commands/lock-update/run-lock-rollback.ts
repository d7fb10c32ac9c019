import { accessSync, constants, readFileSync } from "node:fs";
import { dirname } from "node:path";
import type { LockPort } from "../../gather/adapters/lock-port.ts";
import { sha256Hex } from "../../shared/canonical/canonical-json.ts";
import type { QualifyOptions } from "../../shared/options/resolve-options.ts";
import { archiveSnapshot, type WriterClock } from "../writers/archive-snapshot.ts";
import { replaceFile } from "../writers/replace-file.ts";
import { assertArchiveDir, readOptionalFile } from "../writers/safe-paths.ts";
import { WriteRefusal } from "../writers/write-refusal.ts";
import { diffLockDocuments, type LockDocumentDiff } from "./diff-lock-documents.ts";
import { displayPath, resolveLockPaths, type LockPathOverrides } from "./lock-paths.ts";
import { withPortRefusals } from "./port-refusal.ts";
import { latestValidSnapshot, locateSnapshot, readLockSnapshot } from "./read-lock-snapshot.ts";
import { applySignature, describeSignature, planSignature, type SignatureOutcome } from "./signature-step.ts";

export interface LockRollbackRequest {
  /** The selected adapter's lock port (`requiredPort(…, "lock", …)`). */
  readonly lock: LockPort;
  readonly options: QualifyOptions;
  /** A snapshot path (or a file name in the history dir); null with `latest`. */
  readonly snapshot: string | null;
  readonly latest: boolean;
  readonly dryRun: boolean;
  readonly overrides: LockPathOverrides;
  readonly cwd: string;
  readonly clock: WriterClock;
}

export interface LockRollbackReport {
  readonly ok: true;
  readonly dry_run: boolean;
  readonly snapshot: string;
  /** Invalid snapshots passed over by `--latest`, newest first. */
  readonly skipped_snapshots: readonly string[];
  readonly lockfile: string;
  /** SHA-256 of the raw bytes before and after; null when the lockfile was missing. */
  readonly before_sha256: string | null;
  readonly after_sha256: string;
  /** Per-plugin changes; null when the current lockfile did not parse (its bytes are still archived). */
  readonly diff: LockDocumentDiff | null;
  readonly pre_snapshot: string | null;
  readonly signature: SignatureOutcome;
  readonly written: readonly string[];
}

/**
 * `lock rollback`: as the platform does it, the current lockfile is first saved as a `pre_rollback` snapshot,
 * then the chosen snapshot's bytes are restored exactly. A missing or unparsable current lockfile is allowed
 * (restoring it is the point); its bytes, when present, are archived verbatim.
 */
export function runLockRollback(request: LockRollbackRequest): Promise<LockRollbackReport> {
  return withPortRefusals(() => lockRollback(request));
}

async function lockRollback(request: LockRollbackRequest): Promise<LockRollbackReport> {
  const { lock } = request;
  const paths = await resolveLockPaths(lock, request.options, request.overrides, request.cwd);
  const chosen = request.latest
    ? latestValidSnapshot(lock, paths)
    : {
        snapshot: readLockSnapshot(lock, paths, locateSnapshot(paths, request.snapshot ?? "", request.cwd)),
        skipped: [],
      };
  const { snapshot } = chosen;
  const current = readOptionalFile(paths.lockfile, paths.lockfileDisplay, "TARGET_FILE_SYMLINK");
  try {
    accessSync(dirname(paths.lockfile), constants.W_OK);
  } catch {
    throw new WriteRefusal(
      "TARGET_FILE_UNREADABLE",
      `the directory of ${paths.lockfileDisplay} is not writable`,
      paths.lockfileDisplay,
    );
  }
  assertArchiveDir(paths.historyDir, paths.historyDisplay);
  const changed = current === null || Buffer.compare(current, snapshot.bytes) !== 0;
  const signaturePlan = planSignature(lock, paths, snapshot.bytes, changed, false);
  const parsedCurrent = current === null ? null : lock.parse(current.toString("utf8"), paths.lockfileDisplay);
  const base = {
    ok: true as const,
    dry_run: request.dryRun,
    snapshot: snapshot.display,
    skipped_snapshots: chosen.skipped,
    lockfile: paths.lockfileDisplay,
    before_sha256: current === null ? null : sha256Hex(current),
    after_sha256: sha256Hex(snapshot.bytes),
    diff: parsedCurrent?.ok ? diffLockDocuments(parsedCurrent.document, snapshot.document) : null,
  };
  if (request.dryRun)
    return { ...base, pre_snapshot: null, signature: describeSignature(paths, signaturePlan), written: [] };
  const now = readOptionalFile(paths.lockfile, paths.lockfileDisplay, "TARGET_FILE_SYMLINK");
  if ((now === null) !== (current === null) || (now !== null && current !== null && Buffer.compare(now, current) !== 0))
    throw new WriteRefusal(
      "TARGET_FILE_CHANGED",
      `${paths.lockfileDisplay} changed while the rollback was being planned; run it again`,
      paths.lockfileDisplay,
    );
  const pre =
    current === null
      ? null
      : archiveSnapshot({
          dir: paths.historyDir,
          bytes: current,
          reason: "pre_rollback",
          clock: request.clock,
          naming: lock.snapshots,
        });
  replaceFile(paths.lockfile, snapshot.bytes);
  const signature = applySignature(paths, signaturePlan, readFileSync(paths.lockfile));
  const preDisplay = pre === null ? null : displayPath(paths.root, pre);
  const written = [
    ...(preDisplay ? [preDisplay] : []),
    paths.lockfileDisplay,
    ...(signature.action === "write" ? [signature.path] : []),
  ];
  return { ...base, pre_snapshot: preDisplay, signature, written };
}
