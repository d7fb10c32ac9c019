import type { LockPort } from "../../gather/adapters/lock-port.ts";
import { sha256Hex } from "../../shared/canonical/canonical-json.ts";
import type { QualifyOptions } from "../../shared/options/resolve-options.ts";
import { resolveLockPaths, type LockPathOverrides } from "./lock-paths.ts";
import { assertLockfileAudited, readLockfileForWrite } from "./lockfile-preflight.ts";
import { withPortRefusals } from "./port-refusal.ts";
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

export interface LockSignRequest {
  /** The selected adapter's lock port (`requiredPort(…, "lock", …)`). */
  readonly lock: LockPort;
  readonly options: QualifyOptions;
  readonly dryRun: boolean;
  readonly overrides: LockPathOverrides;
  readonly cwd: string;
}

/**
 * `lock update --sign-only`: (re-)sign the lockfile as it is, entries untouched, with the keyring's active
 * anchor key. The lockfile must be a valid, audited state: signing unreviewed edits would bless them.
 */
export function runLockSign(request: LockSignRequest): Promise<LockSignReport> {
  return withPortRefusals(() => lockSign(request));
}

async function lockSign(request: LockSignRequest): Promise<LockSignReport> {
  const { lock } = request;
  const paths = await resolveLockPaths(lock, request.options, request.overrides, request.cwd);
  const current = readLockfileForWrite(lock, paths);
  await assertLockfileAudited(lock, paths, current.bytes);
  const plan = planSignature(lock, paths, current.bytes, false, true);
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
