import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import type { PluginStrength, StrengthMutant, StrengthReport } from "../../../contracts/probe-strength.ts";
import type { Verdict } from "../../../contracts/verdict.ts";
import { ADAPTERS, type AdapterRegistry } from "../../gather/adapters/adapter-registry.ts";
import { platformSettingsOf } from "../../gather/adapters/platform-settings-of.ts";
import { requiredPort } from "../../gather/adapters/required-port.ts";
import type { CoverageAnswer, CoverageCall, MutationSite, StrengthPort } from "../../gather/adapters/strength-port.ts";
import { ProbeEvidence } from "../../../contracts/probe-spec.ts";
import { loadProbeSpec } from "../../gather/probe/load-probe-spec.ts";
import { SeededRandom } from "../../shared/canonical/seeded-random.ts";
import { copyTarget } from "../../shared/io/copy-target.ts";
import { resolveOptions, SUITE_ROOT } from "../../shared/options/resolve-options.ts";
import { trackDir, untrackDir } from "../../shared/process/run-resources.ts";
import { QualificationSession } from "../../session/qualification-session.ts";
import { outcomeOf } from "./mutant-outcome.ts";

export interface StrengthRequest {
  readonly env: Readonly<Record<string, string>>;
  readonly pluginIds: readonly string[];
  readonly budget: number;
  readonly seed: number;
  /** Mutants judged at once (each is a whole-platform qualification of its own copy). */
  readonly jobs?: number;
  readonly log?: (line: string) => void;
  /** The adapters QUALIFY_ADAPTER names one of (the suite's own tests add theirs). */
  readonly adapters?: AdapterRegistry;
}

async function inPool<T, R>(items: readonly T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      out[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
  return out;
}

/** The plugin's loaded and functional verdicts on a target, judged as test:qualify judges them. */
async function judge(
  env: Readonly<Record<string, string>>,
  adapters: AdapterRegistry,
  root: string,
  pluginId: string,
): Promise<{
  loaded: Verdict;
  capability: Verdict;
  functional: Verdict;
  manifestDir: string | null;
  spec: { file: string | null; sha256: string | null };
  calls: CoverageCall[];
}> {
  const out = trackDir(mkdtempSync(join(tmpdir(), "qualify-strength-out-")));
  try {
    const session = await QualificationSession.open(
      resolveOptions({ ...env, QUALIFY_TARGET: root, QUALIFY_OUT: out }, SUITE_ROOT),
      adapters,
    );
    try {
      const verdicts = await session.verdicts(pluginId);
      const evidence = (await session.runEvidence()).plugins.find((p) => p.plugin_id === pluginId);
      const probe = ProbeEvidence.safeParse(evidence?.probe).data;
      // The calls as the judged run sent them (bindings resolved): what the coverage run repeats.
      const calls = (probe?.steps ?? []).map((step) => ({
        capability: step.capability,
        method: step.method,
        input: step.input,
        via: step.via,
      }));
      return {
        loaded: verdicts.loaded,
        capability: verdicts.capability_present,
        functional: verdicts.functional,
        manifestDir: evidence?.manifest?.dir ?? null,
        spec: { file: probe?.spec?.file ?? null, sha256: probe?.spec?.sha256 ?? null },
        calls,
      };
    } finally {
      await session.close();
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
    untrackDir(out);
  }
}

/**
 * `qualify probe strength`: for each plugin, its spec on the unmutated code (the baseline must pass), then on up
 * to `budget` mutants chosen by the seed among every site of its Python files, each in a fresh copy of the
 * target (never the target itself) re-locked with the platform's own hashing, so only behaviour differs.
 */
export async function runProbeStrength(request: StrengthRequest): Promise<StrengthReport> {
  const started = new Date();
  const t0 = performance.now();
  const options = resolveOptions({ ...request.env }, SUITE_ROOT);
  const target = options.target;
  const adapters = request.adapters ?? ADAPTERS;
  // Before any judging: a platform that cannot make mutants is a usage error naming it, not a run of zeros.
  const port = requiredPort(options.adapter, "strength", "probe strength", adapters);
  const python = request.env.QUALIFY_PYTHON || "python3";
  const plugins: PluginStrength[] = [];
  for (const pluginId of request.pluginIds) {
    const base = await judge(request.env, adapters, target, pluginId);
    const baseline = {
      status: base.functional.status,
      reason: base.functional.reason,
      detail: base.functional.detail.split("\n", 1)[0] ?? "",
    };
    const sites = base.manifestDir ? await port.mutationSites(python, target, base.manifestDir) : [];
    // Mutants are picked among the sites the spec's calls execute: one on a line no call runs cannot be caught by
    // any expectation, and would only spend the budget. Without a coverage answer, every site is a candidate.
    const coverage =
      base.functional.status === "pass" && sites.length > 0
        ? await coverageOf(port, request, python, target, pluginId, base.calls, sites)
        : null;
    const candidates = coverage?.ok
      ? sites.filter((site) => coverage.covered.get(site.file)?.has(site.runs_at) === true)
      : sites;
    const random = new SeededRandom(request.seed);
    const chosen: MutationSite[] = [];
    const pool = [...candidates];
    while (chosen.length < request.budget && pool.length > 0)
      chosen.push(pool.splice(random.int(0, pool.length - 1), 1)[0]!);
    const judgeMutant = async (site: MutationSite): Promise<StrengthMutant> => {
      const dir = trackDir(mkdtempSync(join(tmpdir(), "qualify-strength-")));
      try {
        const root = join(dir, basename(target));
        copyTarget(target, root);
        await port.applyMutant(python, root, site, pluginId);
        const judged = await judge(request.env, adapters, root, pluginId);
        return { ...shown(site), ...outcomeOf(judged.loaded, judged.capability, judged.functional) };
      } catch (error) {
        return {
          ...shown(site),
          outcome: "error",
          verdict: { check: "mutant", status: "infra_error", reason: null, detail: (error as Error).message },
        };
      } finally {
        rmSync(dir, { recursive: true, force: true });
        untrackDir(dir);
        request.log?.(`${pluginId}: ${site.file}:${site.line} ${site.kind} (${site.description}) judged`);
      }
    };
    // Mutants are independent copies: `jobs` of them are judged at once; the report keeps the chosen order.
    const mutants =
      base.functional.status === "pass" ? await inPool(chosen, Math.max(1, request.jobs ?? 1), judgeMutant) : [];
    const count = (o: StrengthMutant["outcome"]) => mutants.filter((m) => m.outcome === o).length;
    const decided = count("caught") + count("survived");
    plugins.push({
      plugin_id: pluginId,
      spec: base.spec,
      baseline,
      sites: sites.length,
      covered_sites: coverage?.ok ? candidates.length : null,
      coverage_error: coverage && !coverage.ok ? coverage.error : null,
      mutants,
      summary: {
        mutants: mutants.length,
        caught: count("caught"),
        survived: count("survived"),
        errors: count("error"),
        score: decided > 0 ? count("caught") / decided : null,
      },
    });
  }
  return {
    schema_version: 1,
    target,
    seed: request.seed,
    budget: request.budget,
    plugins,
    run: { started_at: started.toISOString(), duration_ms: Math.round(performance.now() - t0) },
  };
}

/** A site as the report shows it (the line coverage was checked against is the suite's business). */
function shown(site: MutationSite): Omit<MutationSite, "runs_at"> {
  const { runs_at: _line, ...rest } = site;
  return rest;
}

async function coverageOf(
  port: StrengthPort,
  request: StrengthRequest,
  python: string,
  target: string,
  pluginId: string,
  calls: CoverageCall[],
  sites: readonly MutationSite[],
): Promise<CoverageAnswer> {
  const options = resolveOptions({ ...request.env, QUALIFY_TARGET: target }, SUITE_ROOT);
  const loaded = loadProbeSpec(options.probeCatalog, pluginId);
  const setup = loaded.ok ? (loaded.spec.setup ?? []) : [];
  const files = [...new Set(sites.map((site) => site.file))].sort();
  const settings = loaded.ok ? loaded.spec.settings : undefined;
  return port.specCoverage({
    python,
    root: target,
    pluginId,
    setup,
    settings,
    steps: calls,
    files,
    platformEnv: platformSettingsOf(options, request.adapters ?? ADAPTERS).platformEnv,
    timeoutMs: options.cliTimeoutMs,
  });
}
