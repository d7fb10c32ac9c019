import type { CommandEvidence, Fault, PluginEvidence, RunEvidence } from "../../../contracts/evidence.ts";
import { compareCodePoints } from "../../canonical/canonical-json.ts";
import type { QualifyOptions } from "../../options/resolve-options.ts";
import { probeHealth, type ServiceHealth } from "../../services/service-health.ts";
import { platformEnv, runPlatformCli, type PlatformCliContext } from "./cli/platform-cli.ts";
import { parseLoadReport, type ParsedLoadReport } from "./cli/load-report.ts";
import { parsePluginsList, type ParsedList } from "./cli/plugins-list.ts";
import { gatherStatic, type StaticGather } from "./gather-static.ts";
import { gatherProbe, listRuntimeCapabilities, type RuntimeCapabilities } from "./probe/gather-probe.ts";
import { targetCommit } from "./target-commit.ts";
import { resolveInterpreter } from "../../process/resolve-interpreter.ts";

export interface AdapterRun {
  readonly run: StaticGather["runSection"];
  readonly inventoryInputs: StaticGather["inventoryInputs"];
  readonly static: StaticGather;
  pluginEvidence(pluginId: string): Promise<PluginEvidence>;
  runEvidence(plugins: readonly PluginEvidence[]): Promise<RunEvidence>;
  platformRun(): Promise<PlatformRun>;
}

export interface PlatformRun {
  readonly list: CommandEvidence;
  readonly loadReport: CommandEvidence;
  readonly parsedList: ParsedList;
  readonly parsedLoad: ParsedLoadReport;
}

export interface PlatformDirs {
  readonly configDir: string;
  readonly dataDir: string;
}

export async function openAutocaptureNx(options: QualifyOptions, dirs: PlatformDirs): Promise<AdapterRun> {
  const root = options.target;
  const statics = await gatherStatic(
    {
      root,
      configDir: dirs.configDir,
      dataDir: dirs.dataDir,
      safeMode: options.safeMode,
      platformEnv: options.platformEnv,
      requireLockSignature: options.requireLockSignature,
      keyringFile: options.keyringFile,
      signatureFile: options.signatureFile,
    },
    await targetCommit(root),
  );
  const pythonExecutable = await resolveInterpreter(options.python, Math.min(options.cliTimeoutMs, 10_000));
  const placeholders: Array<readonly [string, string]> = [];
  const cli: PlatformCliContext = { root, python: options.python, pythonExecutable, configDir: dirs.configDir, dataDir: dirs.dataDir, safeMode: options.safeMode, timeoutMs: options.cliTimeoutMs, platformEnv: options.platformEnv, placeholders };
  if (options.platformConfigDir === null) placeholders.push([dirs.configDir, "<fresh-config-dir>"]);
  if (options.platformDataDir === null) placeholders.push([dirs.dataDir, "<fresh-data-dir>"]);
  const env = platformEnv(cli);
  let platformMemo: Promise<PlatformRun> | null = null;
  const platformRun = (): Promise<PlatformRun> =>
    (platformMemo ??= (async () => {
      const [list, loadReport] = await Promise.all([runPlatformCli(cli, ["plugins", "list", "--json"], [0]), runPlatformCli(cli, ["plugins", "load-report"], [0])]);
      return { list, loadReport, parsedList: parsePluginsList(list), parsedLoad: parseLoadReport(loadReport) };
    })());
  let runtimeMemo: Promise<RuntimeCapabilities> | null = null;
  const runtimeCapabilities = (): Promise<RuntimeCapabilities> =>
    // One whole-platform load, like load-report: it takes as long as that does, so the same limit applies
    // (QUALIFY_CLI_TIMEOUT_MS); a fixed minute timed out every plugin of a 10,000-plugin platform.
    (runtimeMemo ??= listRuntimeCapabilities({ root, python: options.python, pythonExecutable, env, placeholders, hosting: "subprocess" }, options.cliTimeoutMs));
  const services = new Map<string, Promise<ServiceHealth>>();
  const service = (name: string): Promise<ServiceHealth> => {
    const url = name === "service_7411" ? options.serviceUrls.service_7411 : options.serviceUrls.service_8000;
    if (!services.has(name)) services.set(name, probeHealth(name, url));
    return services.get(name)!;
  };

  const networkCapable = [...statics.manifests].filter(([, facts]) => facts.network).map(([id]) => id).sort(compareCodePoints);
  const pluginEvidence = async (pluginId: string): Promise<PluginEvidence> => {
    const [base, platform] = await Promise.all([statics.pluginStatic(pluginId), platformRun()]);
    const row = platform.parsedList.ok ? (platform.parsedList.rows.get(pluginId) ?? null) : null;
    const load = platform.parsedLoad.ok ? platform.parsedLoad.plugin(pluginId) : { status: "absent" as const, errors: [] };
    const loaded = platform.parsedLoad.ok && platform.parsedLoad.platformOk && load.status === "loaded";
    const callCtx = { root, python: options.python, pythonExecutable, env, placeholders: cli.placeholders, hosting: base.manifest?.network ? ("subprocess" as const) : ("inproc" as const), subprocessOnly: networkCapable };
    const runtime: { capabilities: string[] | null; fault: Fault | null } = loaded ? (await runtimeCapabilities()).plugin(pluginId) : { capabilities: null, fault: null };
    const probe = await gatherProbe(pluginId, {
      ...callCtx,
      probesDir: options.probesDir,
      service,
      runSteps: loaded,
      replay: `QUALIFY_TARGET=${root} pnpm test:qualify -t "${pluginId}"`,
    });
    return { ...base, platform_list_row: row, platform_load: load, runtime_capabilities: runtime.capabilities, runtime_fault: runtime.fault, probe };
  };

  const runEvidence = async (plugins: readonly PluginEvidence[]): Promise<RunEvidence> => {
    const platform = await platformRun();
    const load = platform.parsedLoad;
    return {
      ...statics.runSection,
      commands: { plugins_list: platform.list, load_report: platform.loadReport },
      load_report: load.ok ? { ok: load.platformOk, error: load.error, capabilities: load.capabilities } : null,
      plugins: [...plugins].sort((a, b) => compareCodePoints(a.plugin_id, b.plugin_id)),
    };
  };

  return { run: statics.runSection, inventoryInputs: statics.inventoryInputs, static: statics, pluginEvidence, runEvidence, platformRun };
}
