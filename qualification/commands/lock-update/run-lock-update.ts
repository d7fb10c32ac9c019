import { readFileSync } from "node:fs";
import type { LockDocument, LockEntryData, LockPort } from "../../gather/adapters/lock-port.ts";
import type { QualifyOptions } from "../../shared/options/resolve-options.ts";
import { archiveSnapshot, assertSnapshotReason, type WriterClock } from "../writers/archive-snapshot.ts";
import { withPlatformConfigDir } from "../writers/platform-config-dir.ts";
import { replaceFile } from "../writers/replace-file.ts";
import { WriteRefusal } from "../writers/write-refusal.ts";
import { diffLockDocuments, type LockDocumentDiff } from "./diff-lock-documents.ts";
import { displayPath, lockPathsFor, type LockPathOverrides } from "./lock-paths.ts";
import { assertLockfileAudited, readLockfileForWrite } from "./lockfile-preflight.ts";
import { withPortRefusals } from "./port-refusal.ts";
import { applySignature, describeSignature, planSignature, type SignatureOutcome } from "./signature-step.ts";
import { snapshotLabel } from "./snapshot-label.ts";

export interface LockUpdateRequest {
  /** The selected adapter's lock port (`requiredPort(…, "lock", …)`). */
  readonly lock: LockPort;
  readonly options: QualifyOptions;
  /** Null: every discovered plugin. */
  readonly pluginIds: readonly string[] | null;
  readonly reason: string | null;
  readonly dryRun: boolean;
  readonly toExtended: boolean;
  readonly overrides: LockPathOverrides;
  readonly cwd: string;
  readonly clock: WriterClock;
}

/**
 * The platform's `lock update` keys (one plugin's before/after entries), plus what a multi-plugin, audited update needs
 * to say.
 */
export interface LockUpdateReport {
  readonly ok: true;
  readonly dry_run: boolean;
  /** The one plugin re-locked, as the platform reports it; null for several or all. */
  readonly plugin_id: string | null;
  readonly plugin_ids: readonly string[];
  readonly scope: "plugins" | "all";
  readonly lockfile: string;
  readonly format: { readonly before: string; readonly after: string };
  /** One plugin: its entry before/after (null = absent). Several: `{plugin_id: entry | null}`. */
  readonly before: LockEntryData | null | Record<string, LockEntryData | null>;
  readonly after: LockEntryData | null | Record<string, LockEntryData | null>;
  readonly diff: LockDocumentDiff;
  readonly changes_count: number;
  /** Files of each re-locked plugin changed since the lockfile was committed (git), for review; null = unknown. */
  readonly changed_files: Record<string, readonly string[] | null>;
  /** True when the file was not in the platform's serialisation before (so bytes change beyond the entries). */
  readonly reformatted: boolean;
  readonly pre_snapshot: string | null;
  readonly post_snapshot: string | null;
  readonly signature: SignatureOutcome;
  readonly written: readonly string[];
}

/**
 * `lock update`: every check first (refusals leave the target untouched), then pre snapshot → lockfile →
 * post snapshot → signature. A dry run stops after the checks and the plan.
 */
export function runLockUpdate(request: LockUpdateRequest): Promise<LockUpdateReport> {
  return withPortRefusals(() => lockUpdate(request));
}

async function lockUpdate(request: LockUpdateRequest): Promise<LockUpdateReport> {
  const { lock, options } = request;
  if (!request.dryRun && (request.reason === null || request.reason.trim() === ""))
    throw new WriteRefusal("REASON_MISSING", "--reason <text> is required: it names the history snapshots");
  const target = await withPlatformConfigDir(options, (configDir) => lock.openRelock(options, configDir));
  const paths = lockPathsFor(options.target, target.location, options, request.overrides, request.cwd);
  const current = readLockfileForWrite(lock, paths);
  await assertLockfileAudited(lock, paths, current.bytes);
  const ids = target.selectPlugins(request.pluginIds);
  const label = snapshotLabel(request.pluginIds === null ? null : ids);
  const reason = (request.reason ?? "dry run").trim();
  assertSnapshotReason(`post_${reason}_${label}`, lock.snapshots);
  const plan = await target.relock({
    document: current.document,
    format: current.format,
    pluginIds: ids,
    all: request.pluginIds === null,
    toExtended: request.toExtended,
  });
  const diff = diffLockDocuments(current.document, plan.document);
  const newBytes = Buffer.from(plan.text, "utf8");
  const changed = Buffer.compare(newBytes, current.bytes) !== 0;
  const signaturePlan = planSignature(lock, paths, newBytes, changed, false);
  const pick = (doc: LockDocument, id: string): LockEntryData | null =>
    Object.hasOwn(doc.plugins, id) ? doc.plugins[id]! : null;
  const side = (doc: LockDocument) =>
    ids.length === 1 && request.pluginIds !== null
      ? pick(doc, ids[0]!)
      : Object.fromEntries(ids.map((id) => [id, pick(doc, id)]));
  const base = {
    ok: true as const,
    dry_run: request.dryRun,
    plugin_id: ids.length === 1 && request.pluginIds !== null ? ids[0]! : null,
    plugin_ids: ids,
    scope: request.pluginIds === null ? ("all" as const) : ("plugins" as const),
    lockfile: paths.lockfileDisplay,
    format: { before: current.format, after: plan.format },
    before: side(current.document),
    after: side(plan.document),
    diff,
    changes_count: diff.changes.length,
    changed_files: plan.changedFiles,
    reformatted: lock.render(current.document) !== current.bytes.toString("utf8"),
  };
  if (request.dryRun || !changed) {
    return {
      ...base,
      pre_snapshot: null,
      post_snapshot: null,
      signature: describeSignature(paths, signaturePlan),
      written: [],
    };
  }
  // The plan was made from these bytes; a concurrent edit since then must not be silently overwritten.
  if (Buffer.compare(readFileSync(paths.lockfile), current.bytes) !== 0)
    throw new WriteRefusal(
      "TARGET_FILE_CHANGED",
      `${paths.lockfileDisplay} changed while the update was being planned; run it again`,
      paths.lockfileDisplay,
    );
  const pre = archiveSnapshot({
    dir: paths.historyDir,
    bytes: current.bytes,
    reason: `pre_${reason}_${label}`,
    clock: request.clock,
    naming: lock.snapshots,
  });
  replaceFile(paths.lockfile, newBytes);
  const post = archiveSnapshot({
    dir: paths.historyDir,
    bytes: newBytes,
    reason: `post_${reason}_${label}`,
    clock: request.clock,
    naming: lock.snapshots,
  });
  const signature = applySignature(paths, signaturePlan, newBytes);
  const written = [
    displayPath(options.target, pre),
    paths.lockfileDisplay,
    displayPath(options.target, post),
    ...(signature.action === "write" ? [signature.path] : []),
  ];
  return {
    ...base,
    pre_snapshot: displayPath(options.target, pre),
    post_snapshot: displayPath(options.target, post),
    signature,
    written,
  };
}
