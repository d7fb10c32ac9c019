import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { AdapterRunEvidence, Fault, PluginEvidence, RunEvidence } from "../../contracts/evidence.ts";
import type { PluginInventory } from "../../contracts/plugin-inventory.ts";
import type { Verdict } from "../../contracts/verdict.ts";
import { ADAPTERS, adapterNamed, type AdapterRegistry } from "../gather/adapters/adapter-registry.ts";
import type { AdapterRun, PlatformAdapter } from "../gather/adapters/platform-adapter.ts";
import { platformSettings } from "../gather/adapters/platform-environment.ts";
import { catalogPluginIds } from "../gather/probe/load-probe-spec.ts";
import { buildInventory } from "../judge/inventory/build-inventory.ts";
import { readDeprecations, readRequiredList } from "../judge/inventory/read-contract-lists.ts";
import type { QualifyOptions } from "../shared/options/resolve-options.ts";
import { QuerySession } from "../query/query-session.ts";
import {
  isQualified,
  judgePlugin,
  judgeStaticPlugin,
  STATIC_CHECK_IDS,
  type PluginVerdicts,
  type StaticVerdicts,
} from "./judge-plugin.ts";
import { judgeRunChecks } from "./judge-run-checks.ts";
import { buildPlan, type QualificationPlan, type RunCheckId } from "./plan.ts";
import { INTERRUPTED_FILE, setInterruptNote, untrackDir } from "../shared/process/run-resources.ts";
import { platformRunDir } from "../shared/io/platform-run-dir.ts";

export { INTERRUPTED_FILE };

/** What an earlier run left in the output dir (none of it is this run's until this run completes). */
function existingOutputs(outDir: string): string[] {
  try {
    return readdirSync(outDir).filter((name) => name !== INTERRUPTED_FILE);
  } catch {
    return [];
  }
}

/**
 * One qualification of one target. Static evidence (config, manifests, lock, inventory) is gathered when the
 * session opens; platform CLI runs, hashes and probes are gathered lazily and once, so `-t <plugin_id>` in
 * watch mode only pays for that plugin (plus one `load-report`).
 */
export class QualificationSession {
  private readonly pluginMemo = new Map<string, Promise<PluginVerdicts>>();
  private readonly evidenceMemo = new Map<string, Promise<PluginEvidence>>();
  private runMemo: Promise<Record<RunCheckId, Verdict>> | null = null;
  private queryMemo: QuerySession | null = null;
  private byIdMemo: ReadonlyMap<string, PluginInventory["plugins"][number]> | null = null;

  private constructor(
    readonly options: QualifyOptions,
    readonly inventory: PluginInventory,
    readonly plan: QualificationPlan,
    private readonly adapter: AdapterRun,
    private readonly platform: PlatformAdapter,
    private readonly inputFaults: readonly Fault[],
    private readonly tempDirs: readonly string[],
  ) {}

  /** `adapters`: the adapters `options.adapter` names one of (the suite's own tests add theirs). */
  static async open(options: QualifyOptions, adapters: AdapterRegistry = ADAPTERS): Promise<QualificationSession> {
    const platform = adapterNamed(options.adapter, adapters);
    const tempDirs: string[] = [];
    // Until the reporter sees the run end, the run counts as interrupted (see run-resources.ts).
    setInterruptNote(join(options.outDir, INTERRUPTED_FILE), existingOutputs(options.outDir));
    const fresh = platformRunDir("qualify-platform-");
    tempDirs.push(fresh.runDir);
    // The user's own config/data dirs, when the platform's variables name them; else the run's fresh ones.
    const given = platformSettings(options, platform.environment);
    const configDir = given.platformConfigDir ?? fresh.configDir;
    const dataDir = given.platformDataDir ?? fresh.dataDir;
    const adapter = await platform.open(options, { configDir, dataDir, workDir: fresh.workDir, runDir: fresh.runDir });
    const inputs = adapter.inventoryInputs;
    const references = [...inputs.references];
    const sources = [...adapter.staticRun.sources];
    const serviceBacked = new Map(inputs.serviceBacked);
    const deprecated = new Map(inputs.deprecated);
    const faults: Fault[] = [];
    for (const file of options.requiredFiles) {
      const list = readRequiredList(file);
      if (list.sha256) sources.push({ path: file, role: "required_contract", sha256: list.sha256 });
      if (list.fault) faults.push(list.fault);
      references.push({ source: `required:${file}`, ids: list.ids });
      for (const id of list.serviceBacked) serviceBacked.set(id, `listed as service-backed in ${file}`);
    }
    if (options.deprecationsFile) {
      const deprecations = readDeprecations(options.deprecationsFile);
      if (deprecations.sha256)
        sources.push({ path: options.deprecationsFile, role: "deprecation_manifest", sha256: deprecations.sha256 });
      if (deprecations.fault) faults.push(deprecations.fault);
      for (const [id, reason] of deprecations.retired) deprecated.set(id, reason);
      references.push({ source: `deprecations:${options.deprecationsFile}`, ids: [...deprecations.retired.keys()] });
    }
    const inventory = buildInventory({ ...inputs, references, sources, serviceBacked, deprecated });
    return new QualificationSession(
      options,
      inventory,
      buildPlan(inventory, options.shard),
      adapter,
      platform,
      faults,
      tempDirs,
    );
  }

  /** The evidence of one canonical plugin (null for unresolved IDs, which have nothing to gather). */
  pluginEvidence(pluginId: string): Promise<PluginEvidence> {
    let memo = this.evidenceMemo.get(pluginId);
    if (!memo) {
      memo = this.adapter.pluginEvidence(pluginId);
      this.evidenceMemo.set(pluginId, memo);
    }
    return memo;
  }

  verdicts(pluginId: string): Promise<PluginVerdicts> {
    let memo = this.pluginMemo.get(pluginId);
    if (!memo) {
      memo = this.computeVerdicts(pluginId);
      this.pluginMemo.set(pluginId, memo);
    }
    return memo;
  }

  /**
   * Starts judging these plugins, a few at a time, without waiting: each generated test then awaits its own
   * plugin's memo. Vitest runs one file's tests one after another, so without this every platform process of
   * the run would start only when the previous plugin's last test finished.
   */
  prefetch(pluginIds: readonly string[], concurrency: number): void {
    if (pluginIds.length > 0 && pluginIds.length < this.plan.plugins.length) this.startFilteredRun(pluginIds);
    const queue = [...pluginIds];
    for (let worker = 0; worker < Math.max(1, concurrency); worker++) {
      void (async () => {
        for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
          // A failure here is the test's to report, through the same memo; the worker just moves on.
          await this.verdicts(next).catch(() => undefined);
        }
      })();
    }
  }

  /**
   * A filtered run (-t, watch) is someone waiting: the platform's whole-platform runs start at once, and the
   * runtime capability listing beside them when the selected plugins pass their static checks. When one does
   * not (typically an edit that broke its lock hash), the platform will not load it and the listing would only
   * compete with `list`/`load-report` for the CPU.
   */
  private startFilteredRun(pluginIds: readonly string[]): void {
    this.adapter.startPlatformRuns();
    void Promise.all(pluginIds.map((id) => this.staticVerdicts(id)))
      .then((all) => {
        if (all.every((v) => STATIC_CHECK_IDS.every((check) => v[check].status === "pass")))
          this.adapter.startRuntimeListing();
      })
      .catch(() => undefined);
  }

  private async computeVerdicts(pluginId: string): Promise<PluginVerdicts> {
    const item = this.inventoryItem(pluginId);
    if (!item) throw new Error(`internal: ${pluginId} is not in the canonical inventory`);
    if (item.category === "deprecated_removed" || !item.resolved)
      return judgePlugin(item, null, await this.completeRunEvidence([]));
    const evidence = await this.pluginEvidence(pluginId);
    return judgePlugin(item, evidence, await this.completeRunEvidence([]));
  }

  /**
   * The checks that need no platform process (allowlisted, hash_ok, enabled): the "static qualification"
   * whose cost the benchmark compares with hashing alone.
   */
  async staticVerdicts(pluginId: string): Promise<StaticVerdicts> {
    const item = this.inventoryItem(pluginId);
    const base = item?.category === "deprecated_removed" ? null : await this.adapter.pluginStatic(pluginId);
    return judgeStaticPlugin(item, base, this.adapter.staticRun);
  }

  /** Indexed once: at 10,000 plugins a linear lookup per plugin would make the run quadratic. */
  private inventoryItem(pluginId: string): PluginInventory["plugins"][number] | null {
    this.byIdMemo ??= new Map(this.inventory.plugins.map((p) => [p.plugin_id, p] as const));
    return this.byIdMemo.get(pluginId) ?? null;
  }

  async qualified(pluginId: string): Promise<boolean> {
    return isQualified(await this.verdicts(pluginId));
  }

  runVerdicts(): Promise<Record<RunCheckId, Verdict>> {
    this.runMemo ??= (async () => judgeRunChecks(await this.completeRunEvidence([]), this.inventory))();
    return this.runMemo;
  }

  /** The query tier (expected answers, services, query run), gathered once; its logic lives in qualification/query. */
  get queries(): QuerySession {
    return (this.queryMemo ??= new QuerySession(this.options, () => this.adapter.loadFindings(), this.platform));
  }

  /** The verdicts of every plugin judged so far in this session (a filtered run judges fewer). */
  async judgedVerdicts(): Promise<Map<string, PluginVerdicts>> {
    const out = new Map<string, PluginVerdicts>();
    for (const [id, memo] of this.pluginMemo) await memo.then((v) => out.set(id, v)).catch(() => undefined);
    return out;
  }

  /** The full run evidence, with every plugin whose evidence was gathered in this session. */
  async runEvidence(): Promise<RunEvidence> {
    return this.completeRunEvidence(await Promise.all([...this.evidenceMemo.values()]));
  }

  /** The adapter's run evidence with the session's own inputs recorded beside it: what every judge reads. */
  private async completeRunEvidence(plugins: readonly PluginEvidence[]): Promise<RunEvidence> {
    const gathered: AdapterRunEvidence = await this.adapter.runEvidence(plugins);
    const { source, display, name, version, why, dir } = this.options.probeCatalog;
    return {
      ...gathered,
      input_faults: [...this.inputFaults],
      probe_catalog: { source, display, name, version, why, spec_ids: catalogPluginIds(dir) },
    };
  }

  /** Whole-platform commands whose earlier answers this (watch-mode) session reused instead of asking again. */
  reusedPlatformAnswers(): readonly string[] {
    return this.adapter.reusedAnswers();
  }

  async close(): Promise<void> {
    // Vitest ends its workers with SIGTERM after a complete run: from here on a signal interrupts nothing.
    setInterruptNote(null);
    try {
      await this.adapter.close();
    } finally {
      for (const dir of this.tempDirs) {
        rmSync(dir, { recursive: true, force: true });
        untrackDir(dir);
      }
    }
  }
}
