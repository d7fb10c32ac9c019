import { isAbsolute, relative, resolve, sep } from "node:path";
import type { LockLocation, LockPort } from "../../gather/adapters/lock-port.ts";
import type { QualifyOptions } from "../../shared/options/resolve-options.ts";
import { withPlatformConfigDir } from "../writers/platform-config-dir.ts";

/** Every file a lock writer may touch, absolute, with the name it is shown under. */
export interface LockPaths {
  readonly root: string;
  readonly lockfile: string;
  readonly lockfileDisplay: string;
  /** The platform's history directory for the lockfile (`LockLocation.historyDir`). */
  readonly historyDir: string;
  readonly historyDisplay: string;
  /** `--signature`, else `QUALIFY_LOCK_SIGNATURE`, else the platform's default beside the lockfile. */
  readonly signature: string;
  readonly signatureDisplay: string;
  /**
   * True when the user asked for a signature (`--signature`, `QUALIFY_LOCK_SIGNATURE` or
   * `QUALIFY_REQUIRE_LOCK_SIGNATURE=1`): then it is written even if it does not exist yet.
   */
  readonly signatureRequested: boolean;
  /** `--keyring`, else `QUALIFY_KEYRING`; null when no key is available. */
  readonly keyring: string | null;
}

/** Relative to the target root when inside it (as the platform's config names it), else absolute. */
export function displayPath(root: string, path: string): string {
  const rel = relative(root, path);
  return rel === "" || rel.startsWith("..") || isAbsolute(rel) ? path : rel.split(sep).join("/");
}

export interface LockPathOverrides {
  readonly signature?: string | undefined;
  readonly keyring?: string | undefined;
}

export function lockPathsFor(
  root: string,
  location: LockLocation,
  options: Pick<QualifyOptions, "signatureFile" | "keyringFile" | "requireLockSignature">,
  overrides: LockPathOverrides,
  cwd: string,
): LockPaths {
  const { lockfile, historyDir } = location;
  const explicit = overrides.signature !== undefined ? resolve(cwd, overrides.signature) : options.signatureFile;
  const signature = explicit ?? location.signature;
  const keyring = overrides.keyring !== undefined ? resolve(cwd, overrides.keyring) : options.keyringFile;
  return {
    root,
    lockfile,
    lockfileDisplay: displayPath(root, lockfile),
    historyDir,
    historyDisplay: displayPath(root, historyDir),
    signature,
    signatureDisplay: displayPath(root, signature),
    signatureRequested: explicit !== null || options.requireLockSignature,
    keyring,
  };
}

/** The lockfile the target's effective config names, as a qualification reads it. */
export async function resolveLockPaths(
  lock: LockPort,
  options: QualifyOptions,
  overrides: LockPathOverrides,
  cwd: string,
): Promise<LockPaths> {
  const location = await withPlatformConfigDir(options, (configDir) => lock.locate(options, configDir));
  return lockPathsFor(options.target, location, options, overrides, cwd);
}
