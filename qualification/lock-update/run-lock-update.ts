import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gatherStatic, type StaticGather } from "../adapters/autocapture-nx/gather-static.ts";
import { serializeLockfile, type LockfileDocument } from "../adapters/autocapture-nx/lock/index.ts";
import { compareCodePoints } from "../canonical/canonical-json.ts";
import type { QualifyOptions } from "../options/resolve-options.ts";
import { archiveSnapshot, assertSnapshotReason, type WriterClock } from "../writers/archive-snapshot.ts";
import { withPlatformConfigDir } from "../writers/platform-config-dir.ts";
import { replaceFile } from "../writers/replace-file.ts";
import { WriteRefusal } from "../writers/write-refusal.ts";
import type { LockDocumentDiff } from "./diff-lock-documents.ts";
import { displayPath, lockPathsFor, type LockPathOverrides } from "./lock-paths.ts";
import { assertLockfileAudited, readLockfileForWrite } from "./lockfile-preflight.ts";
import { planLockUpdate, type PluginDigests } from "./plan-lock-update.ts";
import { applySignature, describeSignature, planSignature, type SignatureOutcome } from "./signature-step.ts";
import { snapshotLabel } from "./snapshot-label.ts";
import { setOwn } from "../canonical/set-own.ts";

type Entry = LockfileDocument["plugins"][string];

export interface LockUpdateRequest {
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

/** The platform's `lock update` keys (`autocapture_nx/cli.py` `cmd_plugins_lock_update`), plus what a multi-plugin, audited update needs to say. */
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
  readonly before: Entry | null | Record<string, Entry | null>;
  readonly after: Entry | null | Record<string, Entry | null>;
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

async function digestsOf(
  statics: StaticGather,
  ids: readonly string[],
): Promise<{ digests: Map<string, PluginDigests>; drift: Record<string, readonly string[] | null> }> {
  const digests = new Map<string, PluginDigests>();
  const drift: Record<string, readonly string[] | null> = {};
  for (const id of ids) {
    const base = await statics.pluginStatic(id);
    const { hashes } = base;
    if (hashes.fault) {
      const code = hashes.fault.code === "SYMLINK_IN_PLUGIN_DIR" ? "PLUGIN_DIR_SYMLINK" : "PLUGIN_UNREADABLE";
      throw new WriteRefusal(code, hashes.fault.detail, base.manifest?.dir ?? null);
    }
    if (hashes.manifest_sha256 === null || hashes.artifact_sha256 === null)
      throw new Error(`internal: ${id} hashed without digests`);
    digests.set(id, { manifest_sha256: hashes.manifest_sha256, artifact_sha256: hashes.artifact_sha256 });
    setOwn(drift, id, hashes.drift_files ?? null);
  }
  return { digests, drift };
}

function selectPlugins(statics: StaticGather, requested: readonly string[] | null): string[] {
  const duplicates = new Map(statics.duplicateManifests.map((d) => [d.plugin_id, d.manifests]));
  if (requested === null && statics.unattributedManifestFaults.length > 0) {
    const fault = statics.unattributedManifestFaults[0]!;
    throw new WriteRefusal(
      "MANIFEST_UNREADABLE",
      `a full re-lock needs every manifest's plugin_id: ${fault.detail}`,
      fault.file ?? null,
    );
  }
  const ids = requested === null ? [...statics.manifests.keys()] : [...new Set(requested)];
  for (const id of ids) {
    if (!statics.manifests.has(id))
      throw new WriteRefusal("PLUGIN_NOT_FOUND", `no discovered plugin.json declares ${id}`, null);
    const dup = duplicates.get(id);
    if (dup)
      throw new WriteRefusal(
        "PLUGIN_DUPLICATE_MANIFEST",
        `${id} is declared by several manifests (${dup.join(", ")}); the lock entry would be ambiguous`,
        dup[0] ?? null,
      );
  }
  return ids.sort(compareCodePoints);
}

/**
 * `lock update`: every check first (refusals leave the target untouched), then pre snapshot → lockfile →
 * post snapshot → signature. A dry run stops after the checks and the plan.
 */
export async function runLockUpdate(request: LockUpdateRequest): Promise<LockUpdateReport> {
  const { options } = request;
  if (!request.dryRun && (request.reason === null || request.reason.trim() === ""))
    throw new WriteRefusal("REASON_MISSING", "--reason <text> is required: it names the history snapshots");
  const statics = await withPlatformConfigDir(options, (configDir) =>
    gatherStatic(
      {
        root: options.target,
        configDir,
        safeMode: options.safeMode,
        platformEnv: options.platformEnv,
        requireLockSignature: options.requireLockSignature,
        keyringFile: options.keyringFile,
        signatureFile: options.signatureFile,
      },
      null,
    ),
  );
  const paths = lockPathsFor(options.target, statics.config.plugins.lockfile, options, request.overrides, request.cwd);
  const current = readLockfileForWrite(paths);
  await assertLockfileAudited(paths, current.bytes);
  const ids = selectPlugins(statics, request.pluginIds);
  const label = snapshotLabel(request.pluginIds === null ? null : ids);
  const reason = (request.reason ?? "dry run").trim();
  assertSnapshotReason(`post_${reason}_${label}`);
  const writesExtended = request.toExtended || current.format === "extended_v1";
  for (const id of ids) {
    const dir = statics.manifests.get(id)!.dir;
    if (writesExtended && existsSync(join(options.target, dir, "requirements.txt")))
      throw new WriteRefusal(
        "SBOM_UNSUPPORTED",
        `${dir}/requirements.txt exists; the platform's sbom for it is not specified, so the entry cannot be written exactly`,
        `${dir}/requirements.txt`,
      );
  }
  const { digests, drift } = await digestsOf(statics, ids);
  const plan = planLockUpdate({
    document: current.document,
    format: current.format,
    pluginIds: request.pluginIds === null ? null : ids,
    digests,
    kernelApiVersion: statics.runSection.kernel_api_version,
    contractLockHash: statics.lock.evidence.contract_lock_sha256,
    toExtended: request.toExtended,
  });
  const newBytes = Buffer.from(plan.text, "utf8");
  const changed = Buffer.compare(newBytes, current.bytes) !== 0;
  const signaturePlan = planSignature(paths, newBytes, changed, false);
  const pick = (doc: LockfileDocument, id: string): Entry | null =>
    Object.hasOwn(doc.plugins, id) ? doc.plugins[id]! : null;
  const side = (doc: LockfileDocument) =>
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
    diff: plan.diff,
    changes_count: plan.diff.changes.length,
    changed_files: drift,
    reformatted: serializeLockfile(current.document) !== current.bytes.toString("utf8"),
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
  });
  replaceFile(paths.lockfile, newBytes);
  const post = archiveSnapshot({
    dir: paths.historyDir,
    bytes: newBytes,
    reason: `post_${reason}_${label}`,
    clock: request.clock,
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
