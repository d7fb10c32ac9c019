import type {
  PluginEvidence,
  RunEvidence,
  StaticPluginEvidence,
  StaticRunEvidence,
} from "../../../contracts/evidence.ts";
import type { CheckId, RunCheckId } from "../../../contracts/reason-codes.ts";
import type { Verdict } from "../../../contracts/verdict.ts";
import { judgeAllowlisted } from "./allowlisted.ts";
import { judgeCapabilityPresent } from "./capability-present.ts";
import { judgeEnabled } from "./enabled.ts";
import { judgeFunctional } from "./functional.ts";
import { judgeHashOk } from "./hash-ok.ts";
import { judgeLoaded } from "./loaded.ts";
import { configJudgesEnabled, manifestFaultVerdict } from "./manifest-fault.ts";
import { judgeConfigValid } from "./run/config-valid.ts";
import { judgeContractLockFiles } from "./run/contract-lock-files.ts";
import { judgeInventoryResolved } from "./run/inventory-resolved.ts";
import { judgeLockfileValid } from "./run/lockfile-valid.ts";
import { judgeManifestsValid } from "./run/manifests-valid.ts";
import { judgePlatformCli } from "./run/platform-cli.ts";
import { judgeProbeCatalog } from "./run/probe-catalog.ts";
import { judgeRequiredCapabilities } from "./run/required-capabilities.ts";
import type { RunCheckInput } from "./run/run-check-input.ts";

/**
 * The one list of checks. Judging, the generated tests, `verify`'s re-judging, the bench's bare shape and
 * contracts/plugin_enablement_gate_v1.json all read these two tables; `satisfies Record<…>` makes the compiler
 * refuse a check ID without an entry. A new check is: its ID in contracts/reason-codes.ts, its judge file, its
 * row here (and the regenerated gate file).
 *
 * A plugin check is `static` when it reads only what is known before the platform runs (no platform process):
 * its judge then gets the static evidence only. `dependsOn` names the checks whose verdicts its judge reads (and
 * whose failure it inherits); the judge can read no other, and they are always judged before it.
 */
type Stage = "static" | "platform";
type Upstream<D extends CheckId> = { readonly [K in D]: Verdict };
type EvidenceOf<S extends Stage> = S extends "static"
  ? { readonly plugin: StaticPluginEvidence; readonly run: StaticRunEvidence }
  : { readonly plugin: PluginEvidence; readonly run: RunEvidence };

export interface PluginCheck<S extends Stage = Stage, D extends CheckId = CheckId> {
  readonly title: string;
  /** What the verdict rests on (the gate file's `source`). */
  readonly source: string;
  readonly stage: S;
  readonly dependsOn: readonly D[];
  readonly judge: (input: EvidenceOf<S> & { readonly upstream: Upstream<D> }) => Verdict;
}

export interface RunCheck {
  readonly title: string;
  readonly source: string;
  readonly judge: (input: RunCheckInput) => Verdict;
}

/** Infers a row's dependencies from `dependsOn`, so its judge can read only those verdicts. */
const check = <S extends Stage, D extends CheckId = never>(row: PluginCheck<S, D>): PluginCheck<S, D> => row;

/** The per-plugin checks, in the order a plugin must pass them (the order of CHECK_IDS). */
export const PLUGIN_CHECKS = {
  allowlisted: check({
    title: "Allowlisted",
    source: "effective config plugins.allowlist (alias-mapped)",
    stage: "static",
    dependsOn: [],
    judge: ({ plugin, run }) => judgeAllowlisted(plugin, run.platform.config_locations),
  }),
  hash_ok: check({
    title: "Lock-hash valid",
    source:
      "lockfile entry vs sha256_file(plugin.json), sha256_directory(plugin dir), kernel_api_version, contract_lock_hash (registry order)",
    stage: "static",
    dependsOn: [],
    judge: ({ plugin, run }) => judgeHashOk(plugin, run),
  }),
  enabled: check({
    title: "Enabled (registry rule)",
    source:
      "registry effective-enabled rule: deprecated-capture block, safe mode/default_pack, enabled map, manifest enabled, quarantine",
    stage: "static",
    // Not allowlisted is not enabled: the rule reads the same fact, so it fails with allowlisted.
    dependsOn: ["allowlisted"],
    judge: ({ plugin, run }) =>
      (configJudgesEnabled(plugin) ? null : manifestFaultVerdict(plugin)) ??
      judgeEnabled(plugin, run.platform.config_locations),
  }),
  loaded: check({
    title: "Loadable",
    source:
      "the platform's own `plugins load-report`: failed or skipped = not loaded, with the platform's verbatim error",
    stage: "platform",
    dependsOn: [],
    judge: ({ plugin, run }) => {
      const loaded = judgeLoaded(plugin, run);
      return loaded.status === "pass" ? (manifestFaultVerdict(plugin) ?? loaded) : loaded;
    },
  }),
  capability_present: check({
    title: "Capability-complete",
    source:
      "every declared capability (entrypoint kinds ∪ provides) is exposed at runtime and registered by the platform",
    stage: "platform",
    dependsOn: ["loaded"],
    judge: ({ plugin, run, upstream }) =>
      manifestFaultVerdict(plugin) ?? judgeCapabilityPresent(plugin, run, upstream.loaded),
  }),
  functional: check({
    title: "Functional",
    source:
      "the plugin's probe spec runs through the platform's loader and every step's expectations hold, twice, identically",
    stage: "platform",
    dependsOn: ["loaded"],
    judge: ({ plugin, upstream }) => manifestFaultVerdict(plugin) ?? judgeFunctional(plugin, upstream.loaded),
  }),
} satisfies { readonly [K in CheckId]: PluginCheck<"static", CheckId> | PluginCheck<"platform", CheckId> };

/** The run-level checks (`run › <check>`), in report order. */
export const RUN_CHECKS = {
  config_valid: {
    title: "Config valid",
    source: "the effective config, the required-plugin contracts and the deprecation manifest",
    judge: judgeConfigValid,
  },
  lockfile_valid: {
    title: "Lockfile valid",
    source: "the lockfile parses; its signature verifies when checked",
    judge: judgeLockfileValid,
  },
  contract_lock_files: {
    title: "Contract lock files",
    source: "every file contracts/lock.json lists has the digest it records",
    judge: judgeContractLockFiles,
  },
  manifests_valid: {
    title: "Manifests valid",
    source: "every discovered manifest names one plugin_id, and no plugin_id is named twice",
    judge: judgeManifestsValid,
  },
  platform_cli: {
    title: "Platform CLI",
    source: "`plugins list` and `plugins load-report` ran and printed their JSON; the whole load did not raise",
    judge: judgePlatformCli,
  },
  required_capabilities: {
    title: "Required capabilities",
    source: "every kernel.required_capabilities entry has a loaded provider or is supplied by the platform itself",
    judge: judgeRequiredCapabilities,
  },
  inventory_resolved: {
    title: "Inventory resolved",
    source: "every referenced plugin ID resolves to a manifest or is retired",
    judge: judgeInventoryResolved,
  },
  probe_catalog: {
    title: "Probe catalog",
    source: "a probe catalog applies to the target; orphan specs are reported",
    judge: judgeProbeCatalog,
  },
} satisfies { readonly [K in RunCheckId]: RunCheck };

/** The checks judged without a platform process (allowlisted, hash_ok, enabled): the "static qualification". */
export type StaticCheckId = {
  [K in CheckId]: (typeof PLUGIN_CHECKS)[K]["stage"] extends "static" ? K : never;
}[CheckId];
export const isStaticCheck = (check: string): check is StaticCheckId =>
  Object.hasOwn(PLUGIN_CHECKS, check) && PLUGIN_CHECKS[check as CheckId].stage === "static";
