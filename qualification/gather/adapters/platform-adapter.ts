import type {
  AdapterRunEvidence,
  ManifestFacts,
  PluginEvidence,
  StaticPluginEvidence,
  StaticRunEvidence,
} from "../../../contracts/evidence.ts";
import type { InventoryInputs } from "../../judge/inventory/build-inventory.ts";
import type { QualifyOptions } from "../../shared/options/resolve-options.ts";
import type { FidelityPort } from "./fidelity-port.ts";
import type { StrengthPort } from "./strength-port.ts";
import type { QueryPort } from "./query-port.ts";
import type { LockPort } from "./lock-port.ts";
import type { AlignPort } from "./align-port.ts";
import type { PlatformEnvironment } from "./platform-environment.ts";

/**
 * The port every platform adapter implements: it turns one target into plain evidence (contracts/evidence.ts)
 * and inventory inputs. Everything platform-specific — file layout, config rules, hashing, its CLI, its
 * constants — stays behind it, in `adapters/<platform>/`; what the judges need of it is recorded as data
 * (`RunEvidence.platform`, `.manifests`, `.kernel_api_version`), so they read the bundle and nothing else.
 */
export interface PlatformAdapter {
  /** The name options select it by (QUALIFY_ADAPTER) and the evidence records (`RunEvidence.adapter`). */
  readonly name: string;
  /** The environment variables the platform reads (passed through, owned by the suite, dirs, model, services). */
  readonly environment: PlatformEnvironment;
  open(options: QualifyOptions, dirs: PlatformDirs): Promise<AdapterRun>;
  /** For `qualify probe strength`: mutants of a plugin's code and the lines its spec runs (absent: not supported). */
  readonly strength?: StrengthPort;
  /** For `qualify fidelity`: the port for a run with these options (absent: not supported). */
  readonly fidelity?: (options: QualifyOptions) => FidelityPort;
  /**
   * For `qualify probe scaffold`: the manifest facts of one plugin as the platform would discover them, read
   * without running it, or null when no plugin declares the ID (absent: not supported).
   */
  readonly pluginManifest?: (options: QualifyOptions, pluginId: string) => ManifestFacts | null;
  /** How the query tier puts its questions to the platform; absent when the platform has no query path. */
  readonly query?: QueryPort;
  /** Its lockfile, history and signatures, for `qualify lock update | rollback | diff`; absent, those refuse to run. */
  readonly lock?: LockPort;
  /** `qualify align`'s config facts; absent when the platform's config cannot be aligned by the suite. */
  readonly align?: AlignPort;
}

/** The fresh directories a run gives the platform; the adapter decides what, if anything, it puts there. */
export interface PlatformDirs {
  readonly configDir: string;
  readonly dataDir: string;
  /** The platform's working directory: scratch, never the target (a platform may write files relative to it). */
  readonly workDir: string;
  /** The fresh dir holding the others, as a platform's root holds its data dir. */
  readonly runDir: string;
}

/** One target, opened: its static facts at once, the rest gathered lazily and once. */
export interface AdapterRun {
  /** The run evidence known without running the platform: config, lockfile, manifests as a whole, platform facts. */
  readonly staticRun: StaticRunEvidence;
  /**
   * The inventory's inputs as the platform's config and manifests give them (its sources are `staticRun.sources`; the
   * session adds its own lists).
   */
  readonly inventoryInputs: Omit<InventoryInputs, "sources">;
  /** A plugin's static evidence (no platform process): what allowlisted, hash_ok and enabled read. */
  pluginStatic(pluginId: string): Promise<StaticPluginEvidence>;
  /** A plugin's complete evidence: static, the platform's listing and load, capabilities, probe. */
  pluginEvidence(pluginId: string): Promise<PluginEvidence>;
  /** The whole run's evidence with these plugins' evidence in it. */
  runEvidence(plugins: readonly PluginEvidence[]): Promise<AdapterRunEvidence>;
  /** Starts the whole-platform runs now, ahead of the first plugin that needs them (a filtered run is waited on). */
  startPlatformRuns(): void;
  /**
   * Starts the runtime capability listing now, beside the whole-platform runs (a filtered run whose plugins pass their
   * static checks).
   */
  startRuntimeListing(): void;
  /**
   * What the adapter's own load of the platform found (culprit plugins, who prints to stdout), for the query tier's
   * root cause.
   */
  loadFindings(): Promise<PlatformFindings>;
  /** Whole-platform answers reused from an earlier watch-mode run instead of asked again. */
  reusedAnswers(): readonly string[];
  /** The session is over: processes end; answers worth keeping are kept. */
  close(): Promise<void>;
}

/** What the suite's own load of the platform found (probe hosts): the plugins it had to leave out, and who printed. */
export interface PlatformFindings {
  readonly loadCulprits: ReadonlyArray<{ readonly plugin_id: string; readonly kind: "hang" | "crash" }>;
  readonly stdoutWriters: readonly string[];
}
