import { sha256Hex } from "../canonical/canonical-json.ts";
import type { QualifyOptions } from "../options/resolve-options.ts";
import { resolveLockPaths, type LockPathOverrides } from "./lock-paths.ts";
import { assertLockfileAudited, readLockfileForWrite } from "./lockfile-preflight.ts";
import { applySignature, describeSignature, planSignature, type SignatureOutcome } from "./signature-step.ts";

export interface LockSignReport {
  readonly ok: true;
  readonly sign_only: true;
  readonly dry_run: boolean;
  readonly lockfile: string;
  readonly lockfile_sha256: string;
  readonly signature: SignatureOutcome;
  readonly written: readonly string[];
}

/**
 * `lock update --sign-only`: (re-)sign the lockfile as it is, entries untouched, with the keyring's active
 * anchor key. The lockfile must be a valid, audited state: signing unreviewed edits would bless them.
 */
export async function runLockSign(request: {
  readonly options: QualifyOptions;
  readonly dryRun: boolean;
  readonly overrides: LockPathOverrides;
  readonly cwd: string;
}): Promise<LockSignReport> {
  const paths = await resolveLockPaths(request.options, request.overrides, request.cwd);
  const current = readLockfileForWrite(paths);
  await assertLockfileAudited(paths, current.bytes);
  const plan = planSignature(paths, current.bytes, false, true);
  const signature = request.dryRun ? describeSignature(paths, plan) : applySignature(paths, plan, current.bytes);
  return {
    ok: true,
    sign_only: true,
    dry_run: request.dryRun,
    lockfile: paths.lockfileDisplay,
    lockfile_sha256: sha256Hex(current.bytes),
    signature,
    written: request.dryRun ? [] : [signature.path],
  };
}
