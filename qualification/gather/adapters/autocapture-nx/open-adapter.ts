import {
  CommandEvidence,
  type AdapterRunEvidence,
  type MachineryFault,
  type PluginEvidence,
} from "../../../../contracts/evidence.ts";
import { compareCodePoints } from "../../../shared/canonical/canonical-json.ts";
import type { QualifyOptions } from "../../../shared/options/resolve-options.ts";
import { probeHealth, type ServiceHealth } from "../../services/service-health.ts";
import { applyPlaceholders, platformEnv, runPlatformCli, type PlatformCliContext } from "./cli/platform-cli.ts";
import { servicePlaceholders } from "../../services/service-placeholders.ts";
import { parseLoadReport, type ParsedLoadReport } from "./cli/load-report.ts";
import { parsePluginsList, type ParsedList } from "./cli/plugins-list.ts";
import { gatherStatic } from "./gather-static.ts";
import { autocaptureLockPort } from "./lock/lock-port.ts";
import {
  askListing,
  gatherProbe,
  runtimeCapabilitiesOf,
  type ListingAnswer,
  type RuntimeCapabilities,
} from "./probe/gather-probe.ts";
import { ProbeHosts } from "./probe/probe-hosts.ts";
import { ProbeRun } from "../../../../contracts/probe-spec.ts";
import type { AdapterRun, PlatformAdapter, PlatformDirs } from "../platform-adapter.ts";
import { autocaptureAlign } from "./align/autocapture-align.ts";
import { ADAPTER_NAME } from "./platform-facts.ts";
import { autocaptureQuery } from "./query/autocapture-query.ts";
import { platformAnswers } from "./platform-answer-reuse.ts";
import { targetCommit } from "./target-commit.ts";
import { interpreterFor } from "../../../shared/process/resolve-interpreter.ts";
import { registrationsOf, runRegistrations, type Registrations } from "./probe/registrations.ts";
import { applyMutant, mutationSites } from "./probe/plugin-mutants.ts";
import { specCoverage } from "./probe/spec-coverage.ts";
import { autocaptureFidelity } from "./fidelity/autocapture-fidelity.ts";
import { findPluginManifest } from "./probe/find-plugin-manifest.ts";
import { AUTOCAPTURE_ENVIRONMENT, autocaptureSettings } from "./autocapture-environment.ts";

export interface PlatformRun {
  readonly list: CommandEvidence;
  readonly loadReport: CommandEvidence;
  readonly parsedList: ParsedList;
  readonly parsedLoad: ParsedLoadReport;
}

/** Autocapture NX behind the port: its config dir and data dir are the run's fresh ones unless the user gave theirs. */
export const autocaptureNx: PlatformAdapter = {
  name: ADAPTER_NAME,
  environment: AUTOCAPTURE_ENVIRONMENT,
  open: (options, dirs) => openAutocaptureNx(options, dirs),
  strength: { mutationSites, applyMutant, specCoverage },
  fidelity: (options) => autocaptureFidelity({ python: options.python, timeoutMs: options.cliTimeoutMs }),
  pluginManifest: findPluginManifest,
  query: autocaptureQuery,
  lock: autocaptureLockPort,
  align: autocaptureAlign,
};

export async function openAutocaptureNx(options: QualifyOptions, dirs: PlatformDirs): Promise<AdapterRun> {
  const root = options.target;
  const settings = autocaptureSettings(options);
  const statics = await gatherStatic(
    {
      root,
      configDir: dirs.configDir,
      dataDir: dirs.dataDir,
      safeMode: options.safeMode,
      platformEnv: settings.platformEnv,
      requireLockSignature: options.requireLockSignature,
      keyringFile: options.keyringFile,
      signatureFile: options.signatureFile,
    },
    await targetCommit(root),
  );
  const pythonExecutable = await interpreterFor(options);
  const placeholders: Array<readonly [string, string]> = [];
  const cli: PlatformCliContext = {
    root,
    python: options.python,
    pythonExecutable,
    configDir: dirs.configDir,
    dataDir: dirs.dataDir,
    workDir: dirs.workDir,
    safeMode: options.safeMode,
    timeoutMs: options.cliTimeoutMs,
    platformEnv: settings.platformEnv,
    placeholders,
  };
  if (settings.platformConfigDir === null) placeholders.push([dirs.configDir, "<fresh-config-dir>"]);
  if (settings.platformDataDir === null) placeholders.push([dirs.dataDir, "<fresh-data-dir>"]);
  placeholders.push([dirs.workDir, "<scratch-dir>"], [dirs.runDir, "<platform-run-dir>"]);
  const env = platformEnv(cli);
  const answers = platformAnswers(options, { root, python: options.python, pythonExecutable, env, placeholders });
  const platformCli = (args: readonly string[]): Promise<CommandEvidence> =>
    answers.ask({
      command: ["platform", ...args],
      label: args.filter((a) => !a.startsWith("--")).join(" "),
      compute: () => runPlatformCli(cli, args, [0]),
      keep: (evidence) => evidence.fault === null,
      parse: (stored) => CommandEvidence.safeParse(stored).data ?? null,
    });
  let platformMemo: Promise<PlatformRun> | null = null;
  const platformRun = (): Promise<PlatformRun> =>
    (platformMemo ??= (async () => {
      const [list, loadReport] = await Promise.all([
        platformCli(["plugins", "list", "--json"]),
        platformCli(["plugins", "load-report"]),
      ]);
      return { list, loadReport, parsedList: parsePluginsList(list), parsedLoad: parseLoadReport(loadReport) };
    })());
  // What the registry registers from each plugin under the configured hosting (not in load-report's output):
  // asked once the platform's own load is known to work, so a full run keeps to two whole-platform loads at a time.
  let registrationsMemo: Promise<Registrations> | null = null;
  const registrations = (): Promise<Registrations> =>
    (registrationsMemo ??= answers
      .ask({
        command: ["probe-runner", "registrations"],
        label: "the registry's registrations",
        compute: () => runRegistrations(cli),
        keep: (evidence) => evidence.fault === null,
        parse: (stored) => CommandEvidence.safeParse(stored).data ?? null,
      })
      .then(registrationsOf));
  // The probe hosts load the whole platform once each, like load-report: the same limit applies to that load
  // (QUALIFY_CLI_TIMEOUT_MS); a fixed minute timed out every plugin of a 10,000-plugin platform.
  const servicesShown = servicePlaceholders(options.serviceUrls);
  const hosts = new ProbeHosts({
    root,
    python: options.python,
    pythonExecutable,
    env: platformEnvOf(env),
    extraPlaceholders: servicesShown,
    userConfigDir: settings.platformConfigDir,
    loadTimeoutMs: options.cliTimeoutMs,
    pluginLoadTimeoutMs: options.pluginLoadTimeoutMs,
  });
  let runtimeMemo: Promise<RuntimeCapabilities> | null = null;
  const runtimeCapabilities = (): Promise<RuntimeCapabilities> =>
    (runtimeMemo ??= answers
      .ask({
        command: ["probe-host", "list"],
        label: "the runtime capability listing",
        compute: () => askListing(hosts.host(1), options.cliTimeoutMs, hosts.isolation),
        keep: (a) => a.run.outcome === "ok",
        parse: parseListing,
      })
      .then(runtimeCapabilitiesOf));
  const services = new Map<string, Promise<ServiceHealth>>();
  const service = (name: string): Promise<ServiceHealth> => {
    const url = name === "service_7411" ? options.serviceUrls.service_7411 : options.serviceUrls.service_8000;
    if (!services.has(name))
      services.set(
        name,
        probeHealth(name, url).then((health) => ({
          ...health,
          url: applyPlaceholders(health.url, servicesShown),
          detail: applyPlaceholders(health.detail, servicesShown),
        })),
      );
    return services.get(name)!;
  };

  const pluginEvidence = async (pluginId: string): Promise<PluginEvidence> => {
    const [base, platform] = await Promise.all([statics.pluginStatic(pluginId), platformRun()]);
    const row = platform.parsedList.ok ? (platform.parsedList.rows.get(pluginId) ?? null) : null;
    const load = platform.parsedLoad.ok
      ? platform.parsedLoad.plugin(pluginId)
      : { status: "absent" as const, errors: [] };
    const loaded = platform.parsedLoad.ok && platform.parsedLoad.platformOk && load.status === "loaded";
    // Without a usable load-report (a plugin can keep the platform's own load from finishing), the suite's own
    // watched load is what judges every plugin: it is asked for all of them.
    const listing = loaded || !platform.parsedLoad.ok ? await runtimeCapabilities() : null;
    const isolated = listing ? listing.isolated(pluginId) : null;
    const runsInIsolation = !platform.parsedLoad.ok && isolated?.status === "loaded";
    const runtime: { capabilities: string[] | null; fault: MachineryFault | null } =
      listing && (loaded || runsInIsolation) ? listing.plugin(pluginId) : { capabilities: null, fault: null };
    const registered = loaded ? await registrations() : null;
    // The platform never tried a plugin its config does not enable: its spec still runs, on a platform loaded
    // with it enabled in memory, so the team sees whether enabling it would work (informational).
    const notEnabled =
      platform.parsedLoad.ok &&
      platform.parsedLoad.platformOk &&
      load.status === "absent" &&
      base.manifest !== null &&
      base.manifest.fault === null &&
      !statics.registry(pluginId).quarantined &&
      !statics.registry(pluginId).deprecated_capture;
    const probe = await gatherProbe(pluginId, {
      catalog: options.probeCatalog,
      hosts,
      display: hosts.display,
      service,
      enableForProbing: notEnabled && options.probeNotEnabled,
      runSteps: (loaded || runsInIsolation) && isolated?.culprit == null && isolated?.printed == null,
      replay: `QUALIFY_TARGET=${root} pnpm test:qualify -t "${pluginId}"`,
    });
    return {
      ...base,
      platform_list_row: row,
      platform_load: load,
      runtime_capabilities: runtime.capabilities,
      runtime_fault: runtime.fault,
      registered_capabilities: registered?.registered?.get(pluginId) ?? (registered?.registered ? [] : null),
      registration_fault: registered?.fault ?? null,
      isolated_load: isolated,
      probe,
    };
  };

  const runEvidence = async (plugins: readonly PluginEvidence[]): Promise<AdapterRunEvidence> => {
    const platform = await platformRun();
    const load = platform.parsedLoad;
    // A load-report that did not finish is explained by the suite's own load, whose culprits are then awaited.
    const culprits = load.ok ? null : (await runtimeCapabilities()).culprits();
    return {
      ...statics.runSection,
      commands: { plugins_list: platform.list, load_report: platform.loadReport },
      load_culprits: culprits,
      load_report: load.ok ? { ok: load.platformOk, error: load.error, capabilities: load.capabilities } : null,
      plugins: [...plugins].sort((a, b) => compareCodePoints(a.plugin_id, b.plugin_id)),
    };
  };

  const startPlatformRuns = (): void => void platformRun().catch(() => undefined);
  const startRuntimeListing = (): void => void runtimeCapabilities().catch(() => undefined);

  return {
    staticRun: statics.runSection,
    inventoryInputs: statics.inventoryInputs,
    pluginStatic: statics.pluginStatic,
    pluginEvidence,
    runEvidence,
    startPlatformRuns,
    startRuntimeListing,
    reusedAnswers: () => answers.reused(),
    loadFindings: async () => (await runtimeCapabilities()).findings(),
    close: async () => {
      answers.keepAnswers();
      await hosts.close();
    },
  };
}

/** The CLI's env without its run-specific dirs: the probe hosts get their own. */
function platformEnvOf(env: Readonly<Record<string, string>>): Record<string, string> {
  const { AUTOCAPTURE_CONFIG_DIR: _c, AUTOCAPTURE_DATA_DIR: _d, ...rest } = env;
  return rest;
}

/** A listing read back from the watch-mode answer cache: exactly the shape `askListing` returns, or null. */
function parseListing(stored: unknown): ListingAnswer | null {
  if (stored === null || typeof stored !== "object") return null;
  const { run, payload } = stored as Record<string, unknown>;
  const parsed = ProbeRun.safeParse(run);
  if (!parsed.success || payload === null || typeof payload !== "object" || Array.isArray(payload)) return null;
  return { run: parsed.data, payload: payload as Record<string, unknown> };
}
