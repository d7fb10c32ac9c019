import { compareCodePoints } from "../../../../shared/canonical/canonical-json.ts";
import { LockRefusal } from "../../lock-port.ts";
import { serializeLockfile, type Lockfile, type LockfileDocument } from "./lockfile.ts";

type Entry = LockfileDocument["plugins"][string];

/**
 * The two digests of a plugin directory, computed with the platform's algorithms (`autocapture_nx/kernel/hashing.py`
 * `sha256_file`, `sha256_directory`).
 */
export interface PluginDigests {
  readonly manifest_sha256: string;
  readonly artifact_sha256: string;
}

export interface LockUpdateInputs {
  readonly document: LockfileDocument;
  readonly format: Lockfile["format"];
  /** The plugins to re-lock; null = every discovered plugin, which rebuilds the map as the platform's writers do. */
  readonly pluginIds: readonly string[] | null;
  /** Digests of every plugin to write (all discovered ones when `pluginIds` is null). */
  readonly digests: ReadonlyMap<string, PluginDigests>;
  readonly kernelApiVersion: string | null;
  /** `sha256_file(contracts/lock.json)`; null when that file is absent. */
  readonly contractLockHash: string | null;
  /** Write an extended file from a minimal one (only for a full regeneration). */
  readonly toExtended: boolean;
}

export interface LockUpdatePlan {
  readonly format: Lockfile["format"];
  readonly document: LockfileDocument;
  /** The exact bytes to write: `json.dumps(sort_keys=True, indent=2)`, no trailing newline. */
  readonly text: string;
}

/**
 * Pure: the lockfile after re-locking some plugins. Entries follow the file's format (minimal or extended v1, as
 * `autocapture_nx/plugin_system/registry.py` `load_lockfile` reads them): extended entries carry kernel version,
 * contract hash and the empty sbom of a plugin without requirements; a minimal file stays minimal. A partial update
 * leaves every other entry and the top level as they were; a full one (no plugin list) rebuilds the map from the
 * discovered plugins and refreshes the top-level hashes, as
 * `update_plugin_locks.py` does. `generated_at` is kept: it records when the file was generated, and keeping it
 * makes the update reproducible.
 */
export function planLockUpdate(inputs: LockUpdateInputs): LockUpdatePlan {
  if (inputs.toExtended && inputs.format === "minimal_v1" && inputs.pluginIds !== null)
    throw new LockRefusal(
      "FORMAT_CHANGE_NEEDS_ALL",
      "converting a minimal lockfile to the extended format re-locks every plugin: drop --plugin",
    );
  const format = inputs.toExtended ? "extended_v1" : inputs.format;
  if (format === "extended_v1" && inputs.kernelApiVersion === null)
    throw new LockRefusal(
      "KERNEL_VERSION_UNKNOWN",
      "extended entries need the kernel API version (autocapture_nx/__init__.py __version__), which could not be read",
      "autocapture_nx/__init__.py",
    );
  if (format === "extended_v1" && inputs.contractLockHash === null)
    throw new LockRefusal(
      "CONTRACT_LOCK_MISSING",
      "extended entries need sha256_file(contracts/lock.json), and that file is missing",
      "contracts/lock.json",
    );

  const entryFor = (id: string): Entry => {
    const digest = inputs.digests.get(id);
    if (!digest) throw new Error(`internal: no digests for ${id}`);
    const minimal = { artifact_sha256: digest.artifact_sha256, manifest_sha256: digest.manifest_sha256 };
    if (format === "minimal_v1") return minimal;
    return {
      ...minimal,
      contract_lock_hash: inputs.contractLockHash!,
      kernel_api_version: inputs.kernelApiVersion!,
      sbom: { requirements: [], requirements_sha256: null },
    };
  };
  const ids = inputs.pluginIds ?? [...inputs.digests.keys()];
  const kept =
    inputs.pluginIds === null ? [] : Object.entries(inputs.document.plugins).filter(([id]) => !ids.includes(id));
  // fromEntries defines own properties, so an ID such as `__proto__` stays a plugin, never a prototype.
  const plugins = Object.fromEntries(
    [...kept, ...ids.map((id) => [id, entryFor(id)] as const)].sort(([a], [b]) => compareCodePoints(a, b)),
  );
  const refreshTop = format === "extended_v1" && (inputs.pluginIds === null || inputs.format === "minimal_v1");
  const top = refreshTop
    ? { contract_lock_hash: inputs.contractLockHash!, kernel_api_version: inputs.kernelApiVersion! }
    : {};
  const document = { ...inputs.document, ...top, plugins } as LockfileDocument;
  return { format, document, text: serializeLockfile(document) };
}
