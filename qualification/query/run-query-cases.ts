import type { ExpectedAnswerCase, QueryTier } from "../../contracts/expected-answers.ts";
import type {
  QueryCaseRecord,
  QueryRootCause,
  QueryRun,
  QueryVerdict,
  ServiceHealthReport,
} from "../../contracts/query-run.ts";
import { adapterNamed } from "../gather/adapters/adapter-registry.ts";
import type { PlatformAdapter, PlatformFindings } from "../gather/adapters/platform-adapter.ts";
import { platformSettings } from "../gather/adapters/platform-environment.ts";
import type { QueryPort, QueryRemedies } from "../gather/adapters/query-port.ts";
import { compareCodePoints } from "../shared/canonical/canonical-json.ts";
import type { QualifyOptions } from "../shared/options/resolve-options.ts";
import { servicePlaceholders, withPlaceholders } from "../gather/services/service-placeholders.ts";
import { probeServices } from "../gather/services/service-probes.ts";
import { openCorpusReader } from "../gather/storage/corpus-reader.ts";
import { corpusMissing, probeStorage, storageHealthy, type StorageProbe } from "../gather/storage/storage-health.ts";
import { checkCitations } from "./check-citations.ts";
import type { ExpectedLoad } from "./expected/load-expected-answers.ts";
import { judgeQueryCase, notRunVerdict } from "./judge-query-case.ts";
import { noQueryPortCause } from "./no-query-port.ts";
import { confirmRootCause } from "./root-cause.ts";
import { skippedVerdict } from "./skipped-verdict.ts";
import { summarizeTiers } from "./summarize-tiers.ts";
import { timedAttempt, type TimedAttempt } from "./timed-attempt.ts";

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

/** A case the run records without putting it to the platform: skipped (a service is down) or not run (a root cause). */
function unrunRecord(
  item: ExpectedAnswerCase,
  target: string,
  healthy: boolean,
  route: "skipped" | "not_run",
  verdict: QueryVerdict,
): QueryCaseRecord {
  return {
    case_id: item.case_id,
    tier: item.tier,
    query: item.query,
    route,
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

/**
 * Both services' full probe sequences with the run's URLs, timeouts and model (as `tools/run_non_vlm_readiness.py`
 * probes them); the VLM API key is the one the platform's env names, if its adapter has a query path.
 */
export function probeQueryServices(
  options: QualifyOptions,
  adapter: PlatformAdapter = adapterNamed(options.adapter),
): Promise<ServiceHealthReport> {
  return probeServices({
    urls: options.serviceUrls,
    timeoutMs: options.serviceTimeoutMs,
    popupTimeoutMs: options.queryTimeoutMs,
    vlmModel: platformSettings(options, adapter.environment).vlmModel,
    vlmApiKey: adapter.query?.vlmApiKey(options) ?? null,
  });
}

/** How one query run is set up: the services' probe if taken already, its workers, the adapter, findings. */
export interface QueryRunSetup {
  readonly services?: ServiceHealthReport;
  readonly concurrency?: number;
  readonly findings?: () => Promise<PlatformFindings>;
  /** The adapter whose query port the cases run through (default: the one `options.adapter` names). */
  readonly adapter?: PlatformAdapter;
}

/**
 * The query tier of one qualification: services probed and the mode recorded first; storage probed; then each
 * case run `repeat` times through the adapter's query port — the platform's own query command (each concurrent
 * query in its own data dir, as the port prepares them) or, for service-backed cases in service_up mode, the
 * popup service — its citations looked up in the corpus read-only, and judged. An attempt that is an
 * infrastructure outcome is not repeated (the verdict is decided). The first CLI case goes alone: when it meets
 * a cause every query would meet (no corpus, a platform that cannot boot, hosting that hangs) and a second case
 * confirms it, that is the run's root cause, named once, and the other CLI cases point to it instead of each
 * paying for it. An adapter without a query port runs no case: each fails, naming it.
 */
export async function runQueryCases(
  options: QualifyOptions,
  expected: ExpectedLoad,
  run: QueryRunSetup = {},
): Promise<QueryRunOutcome> {
  const adapter = run.adapter ?? adapterNamed(options.adapter);
  const services = run.services ?? (await probeQueryServices(options, adapter));
  if (adapter.query) return runThroughPort(adapter.query, options, expected, services, run);
  // No query path on this platform: no case is put to it, and each says why (a failure, never a silent skip).
  const rootCause = expected.cases.length > 0 ? noQueryPortCause(adapter.name) : null;
  const records = expected.cases.map((item) =>
    unrunRecord(item, options.target, storageHealthy([]), "not_run", notRunVerdict(rootCause)),
  );
  const corpus = { mode: "empty", source: null, sha256: null } as const;
  const result = queryRun(options, expected, records, {
    corpus,
    hosting: null,
    root_cause: rootCause,
    services,
    storage: [],
  });
  return { run: result, timings: new Map(), storageProbes: [] };
}

async function runThroughPort(
  port: QueryPort,
  options: QualifyOptions,
  expected: ExpectedLoad,
  services: ServiceHealthReport,
  run: QueryRunSetup,
): Promise<QueryRunOutcome> {
  const space = await port.prepare(options, run.concurrency ?? 2);
  const pathsOf = (worker: number) => space.dbPaths(worker);
  const reader = openCorpusReader(pathsOf(0));
  try {
    const initial = probeStorage(pathsOf(0));
    const noCorpus = corpusMissing(initial.health);
    const storageProbes: StorageProbe[] = [initial];
    const routes = await space.start();
    const hosting = routes.hosting;
    const attempt = async (item: ExpectedAnswerCase, route: "cli" | "popup", worker: number): Promise<TimedAttempt> =>
      timedAttempt(route === "cli" ? await routes.cli(worker, item.query) : await routes.popup(item.query));

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
      records.push(
        unrunRecord(item, options.target, storageHealthy(initial.health), "skipped", skippedVerdict(services)),
      );
      return false;
    });
    const { rootCause, rest } = await probeRootCause(
      runnable,
      runCase,
      space.workers,
      run.findings ?? null,
      port.remedies,
    );
    if (rootCause) {
      const healthy = storageHealthy(initial.health);
      for (const item of rest.filter((i) => i.tier !== "service_backed_strict"))
        records.push(unrunRecord(item, options.target, healthy, "not_run", notRunVerdict(rootCause)));
    }
    await pool(
      rootCause ? rest.filter((i) => i.tier === "service_backed_strict") : rest,
      space.workers,
      async (item, worker) => void (await runCase(item, worker)),
    );
    const result = queryRun(options, expected, records, {
      corpus: space.corpus,
      hosting,
      root_cause: rootCause,
      services,
      storage: [...initial.health],
    });
    return { run: result, timings, storageProbes };
  } finally {
    reader.close();
    space.cleanup();
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
  remedies: QueryRemedies,
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
  return { rootCause: confirmRootCause(a, b, known, remedies), rest };
}

/**
 * The run as queries.json records it: cases in tier then code-point order, summed per tier, and the services'
 * URLs (free ports for the example's) replaced by stable names, since they are the run's, not evidence.
 */
function queryRun(
  options: QualifyOptions,
  expected: ExpectedLoad,
  records: QueryCaseRecord[],
  facts: Pick<QueryRun, "corpus" | "hosting" | "root_cause" | "services" | "storage">,
): QueryRun {
  records.sort(
    (a, b) => TIER_ORDER.indexOf(a.tier) - TIER_ORDER.indexOf(b.tier) || compareCodePoints(a.case_id, b.case_id),
  );
  const result: QueryRun = {
    schema_version: 2,
    expected: expected.source,
    fault: expected.fault,
    corpus: facts.corpus,
    hosting: facts.hosting,
    root_cause: facts.root_cause,
    repeat: options.queryRepeat,
    services: facts.services,
    storage: facts.storage,
    cases: records,
    summary: summarizeTiers(records),
  };
  return withPlaceholders(result, servicePlaceholders(options.serviceUrls));
}
