import type { ExpectedAnswerCase, QueryTier } from "../../contracts/expected-answers.ts";
import type {
  QueryCaseRecord,
  QueryHosting,
  QueryRootCause,
  QueryRun,
  ServiceHealthReport,
} from "../../contracts/query-run.ts";
import type { PlatformCliContext } from "../adapters/autocapture-nx/cli/platform-cli.ts";
import { loadEffectiveConfig } from "../adapters/autocapture-nx/config/effective-config.ts";
import { queryHosting } from "../adapters/autocapture-nx/query-hosting.ts";
import { compareCodePoints } from "../canonical/canonical-json.ts";
import type { QualifyOptions } from "../options/resolve-options.ts";
import { interpreterFor } from "../process/resolve-interpreter.ts";
import { fetchPopupToken } from "../services/probe-popup.ts";
import { probeServices } from "../services/service-probes.ts";
import { openCorpusReader } from "../storage/corpus-reader.ts";
import { metadataDbPaths } from "../storage/metadata-db-paths.ts";
import { corpusMissing, probeStorage, storageHealthy, type StorageProbe } from "../storage/storage-health.ts";
import { checkCitations } from "./check-citations.ts";
import type { ExpectedLoad } from "./expected/load-expected-answers.ts";
import { judgeQueryCase, notRunVerdict } from "./judge-query-case.ts";
import { skippedVerdict } from "./skipped-verdict.ts";
import { prepareQueryDirs } from "./prepare-query-dirs.ts";
import { confirmRootCause } from "./root-cause.ts";
import type { PlatformFindings } from "../adapters/platform-adapter.ts";
import { servicePlaceholders, withPlaceholders } from "../services/service-placeholders.ts";
import { cliAttempt, popupAttempt, type TimedAttempt } from "./query-routes.ts";
import { summarizeTiers } from "./summarize-tiers.ts";

/** What telemetry keeps besides queries.json: timings, which never enter the deterministic outputs. */
export interface CaseTimings {
  readonly stageMs: Record<string, number>;
  readonly attemptMs: readonly number[];
}

export interface QueryRunOutcome {
  readonly run: QueryRun;
  readonly timings: ReadonlyMap<string, CaseTimings>;
  /** The storage probe before the first case, then one after each case run. */
  readonly storageProbes: readonly StorageProbe[];
}

const TIER_ORDER: readonly QueryTier[] = ["non_service_strict", "service_backed_strict"];

export function replayFor(target: string, item: Pick<ExpectedAnswerCase, "tier" | "case_id">): string {
  return `QUALIFY_TARGET=${target} pnpm test:qualify -t "query › ${item.tier} › ${item.case_id}"`;
}

function skipped(
  item: ExpectedAnswerCase,
  services: ServiceHealthReport,
  target: string,
  healthy: boolean,
): QueryCaseRecord {
  const verdict = skippedVerdict(services);
  return {
    case_id: item.case_id,
    tier: item.tier,
    query: item.query,
    route: "skipped",
    command: null,
    hosting: null,
    replay: replayFor(target, item),
    expect: item.expect,
    attempts: [],
    citations: [],
    storage_healthy: healthy,
    verdict,
  };
}

async function pool<T>(
  items: readonly T[],
  size: number,
  work: (item: T, worker: number) => Promise<void>,
): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(size, queue.length)) }, async (_, worker) => {
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) await work(next, worker);
    }),
  );
}

/** Both services' full probe sequences with the run's URLs, timeouts and model (as `tools/run_non_vlm_readiness.py` probes them). */
export function probeQueryServices(options: QualifyOptions): Promise<ServiceHealthReport> {
  return probeServices({
    urls: options.serviceUrls,
    timeoutMs: options.serviceTimeoutMs,
    popupTimeoutMs: options.queryTimeoutMs,
    vlmModel: options.vlmModel,
    vlmApiKey: options.platformEnv.AUTOCAPTURE_VLM_API_KEY ?? null,
  });
}

/**
 * The query tier of one qualification: services probed and the mode recorded first; storage probed; then each
 * case run `repeat` times through the platform — the CLI (`query` in the target root, each concurrent query in
 * its own data dir holding a copy of the corpus, since the platform locks its data dir per query) or, for
 * service-backed cases in service_up mode, the 7411 popup endpoint — its citations looked up in the corpus
 * read-only, and judged. An attempt that is an infrastructure outcome is not repeated (the verdict is decided).
 * The first CLI case goes alone: when it meets a cause every query would meet (no corpus, a platform that cannot
 * boot, hosting that hangs) and a second case confirms it, that is the run's root cause, named once, and the
 * other CLI cases point to it instead of each paying for it.
 */
export async function runQueryCases(
  options: QualifyOptions,
  expected: ExpectedLoad,
  run: { services?: ServiceHealthReport; concurrency?: number; findings?: () => Promise<PlatformFindings> } = {},
): Promise<QueryRunOutcome> {
  const services = run.services ?? (await probeQueryServices(options));
  const dirs = await prepareQueryDirs(options, run.concurrency ?? 2);
  const platformEnv: Record<string, string> =
    options.queryHosting === "inproc"
      ? { ...options.platformEnv, AUTOCAPTURE_PLUGINS_HOSTING_MODE: "inproc" }
      : { ...options.platformEnv };
  const pathsOf = (worker: number) =>
    metadataDbPaths(dirs.dataDirs[worker] ?? dirs.dataDirs[0]!, options.platformEnv, options.target);
  const reader = openCorpusReader(pathsOf(0));
  try {
    const initial = probeStorage(pathsOf(0));
    const noCorpus = corpusMissing(initial.health);
    const storageProbes: StorageProbe[] = [initial];
    const hosting = hostingOf(options, dirs.configDir, platformEnv);
    const python = await interpreterFor(options);
    const ctxFor = (worker: number): PlatformCliContext => ({
      root: options.target,
      python: options.python,
      pythonExecutable: python,
      configDir: dirs.configDir,
      dataDir: dirs.dataDirs[worker] ?? dirs.dataDirs[0]!,
      workDir: dirs.workDir,
      safeMode: options.safeMode,
      timeoutMs: options.queryTimeoutMs,
      platformEnv,
      placeholders: dirs.placeholders,
    });
    let token: Promise<{ token: string | null; error: string | null }> | null = null;
    const popupToken = () => (token ??= fetchPopupToken(options.serviceUrls.service_7411, options.serviceTimeoutMs));
    const attempt = async (item: ExpectedAnswerCase, route: "cli" | "popup", worker: number): Promise<TimedAttempt> => {
      if (route === "cli") return cliAttempt(ctxFor(worker), item.query);
      const auth = await popupToken();
      if (auth.token === null)
        return {
          command: `GET ${options.serviceUrls.service_7411}/api/auth/token`,
          ms: 0,
          stageMs: {},
          attempt: {
            outcome: "transport_error",
            detail: `no popup token: ${auth.error}`,
            markers: null,
            answer: null,
            signature: null,
          },
        };
      return popupAttempt(options.serviceUrls.service_7411, auth.token, item.query, options.queryTimeoutMs);
    };

    const records: QueryCaseRecord[] = [];
    const timings = new Map<string, CaseTimings>();
    const runCase = async (item: ExpectedAnswerCase, worker: number): Promise<QueryCaseRecord> => {
      const route = item.tier === "service_backed_strict" ? "popup" : "cli";
      const runs: TimedAttempt[] = [];
      for (let i = 0; i < options.queryRepeat; i++) {
        const next = await attempt(item, route, worker);
        runs.push(next);
        // An infrastructure outcome decides the case; a second identical wait only costs time.
        if (next.attempt.answer === null) break;
      }
      const after = probeStorage(pathsOf(worker));
      storageProbes.push(after);
      const attempts = runs.map((r) => r.attempt);
      const first = attempts[0]?.answer ?? null;
      const citations =
        first && attempts.every((a) => a.answer !== null)
          ? checkCitations(
              first.claims.flatMap((c) => c.citations),
              (id) => reader.lookup(id),
            )
          : [];
      const healthy = storageHealthy(after.health);
      const verdict = judgeQueryCase({
        route,
        expect: item.expect,
        attempts,
        citations,
        storageHealthy: healthy,
        corpusMissing: noCorpus,
      });
      timings.set(item.case_id, { stageMs: runs[0]?.stageMs ?? {}, attemptMs: runs.map((r) => r.ms) });
      const record: QueryCaseRecord = {
        case_id: item.case_id,
        tier: item.tier,
        query: item.query,
        route,
        command: runs[0]?.command ?? null,
        hosting: route === "cli" ? hosting.mode : null,
        replay: replayFor(options.target, item),
        expect: item.expect,
        attempts,
        citations,
        storage_healthy: healthy,
        verdict,
      };
      records.push(record);
      return record;
    };

    const runnable = expected.cases.filter((item) => {
      if (item.tier !== "service_backed_strict" || services.mode === "service_up") return true;
      records.push(skipped(item, services, options.target, storageHealthy(initial.health)));
      return false;
    });
    const { rootCause, rest } = await probeRootCause(runnable, runCase, dirs.dataDirs.length, run.findings ?? null);
    if (rootCause) {
      for (const item of rest.filter((i) => i.tier !== "service_backed_strict"))
        records.push({
          case_id: item.case_id,
          tier: item.tier,
          query: item.query,
          route: "not_run",
          command: null,
          hosting: null,
          replay: replayFor(options.target, item),
          expect: item.expect,
          attempts: [],
          citations: [],
          storage_healthy: storageHealthy(initial.health),
          verdict: notRunVerdict(rootCause),
        });
    }
    await pool(
      rootCause ? rest.filter((i) => i.tier === "service_backed_strict") : rest,
      dirs.dataDirs.length,
      async (item, worker) => void (await runCase(item, worker)),
    );
    records.sort(
      (a, b) => TIER_ORDER.indexOf(a.tier) - TIER_ORDER.indexOf(b.tier) || compareCodePoints(a.case_id, b.case_id),
    );
    const result: QueryRun = {
      schema_version: 1,
      expected: expected.source,
      fault: expected.fault,
      corpus: dirs.corpus,
      hosting,
      root_cause: rootCause,
      repeat: options.queryRepeat,
      services,
      storage: [...initial.health],
      cases: records,
      summary: summarizeTiers(records),
    };
    // The services' URLs (free ports for the example's) are the run's, not evidence: stable names instead.
    return { run: withPlaceholders(result, servicePlaceholders(options.serviceUrls)), timings, storageProbes };
  } finally {
    reader.close();
    dirs.cleanup();
  }
}

/**
 * The first and the last CLI case, side by side in their own data dirs: if both meet the same shared cause it is
 * the run's root cause (one wait instead of one per case). Returns it (or null) and the cases still to run.
 */
async function probeRootCause(
  cases: readonly ExpectedAnswerCase[],
  runCase: (item: ExpectedAnswerCase, worker: number) => Promise<QueryCaseRecord>,
  workers: number,
  findings: (() => Promise<PlatformFindings>) | null,
): Promise<{ rootCause: QueryRootCause | null; rest: ExpectedAnswerCase[] }> {
  const cli = cases.filter((c) => c.tier !== "service_backed_strict");
  if (cli.length < 2) return { rootCause: null, rest: [...cases] };
  const first = cli[0]!;
  const last = cli[cli.length - 1]!;
  const [a, b] =
    workers > 1
      ? await Promise.all([runCase(first, 0), runCase(last, 1)])
      : [await runCase(first, 0), await runCase(last, 0)];
  const rest = cases.filter((c) => c !== first && c !== last);
  // The platform's own load findings are asked for only when both cases failed before their question mattered.
  const known =
    findings && a.verdict.class === "infra_error" && b.verdict.class === "infra_error"
      ? await findings().catch(() => null)
      : null;
  return { rootCause: confirmRootCause(a, b, known), rest };
}

function hostingOf(options: QualifyOptions, configDir: string, env: Readonly<Record<string, string>>): QueryHosting {
  // The query CLI turns its metadata-only profile on by default (cmd_query), so the config is read as it reads it.
  const queryEnv = { AUTOCAPTURE_QUERY_METADATA_ONLY: "1", ...env };
  const config = loadEffectiveConfig({ root: options.target, configDir, safeMode: options.safeMode, env: queryEnv });
  return queryHosting(config, queryEnv, options.safeMode, options.queryHosting);
}
