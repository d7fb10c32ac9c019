import type { ExpectedAnswerCase, QueryTier } from "../../contracts/expected-answers.ts";
import type { QueryCaseRecord, QueryRun, QueryVerdict, ServiceHealthReport, ServiceId } from "../../contracts/query-run.ts";
import type { PlatformCliContext } from "../adapters/autocapture-nx/cli/platform-cli.ts";
import { compareCodePoints } from "../canonical/canonical-json.ts";
import type { QualifyOptions } from "../options/resolve-options.ts";
import { interpreterFor } from "../process/resolve-interpreter.ts";
import { fetchPopupToken } from "../services/probe-popup.ts";
import { probeServices } from "../services/service-probes.ts";
import { openCorpusReader } from "../storage/corpus-reader.ts";
import { metadataDbPaths } from "../storage/metadata-db-paths.ts";
import { probeStorage, storageHealthy, type StorageProbe } from "../storage/storage-health.ts";
import { checkCitations } from "./check-citations.ts";
import type { ExpectedLoad } from "./expected/load-expected-answers.ts";
import { judgeQueryCase } from "./judge-query-case.ts";
import { prepareQueryDirs } from "./prepare-query-dirs.ts";
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
const REQUIRED_SERVICES: readonly ServiceId[] = ["service_7411", "service_8000"];

export function replayFor(target: string, item: Pick<ExpectedAnswerCase, "tier" | "case_id">): string {
  return `QUALIFY_TARGET=${target} pnpm test:qualify -t "query › ${item.tier} › ${item.case_id}"`;
}

function skipped(item: ExpectedAnswerCase, services: ServiceHealthReport, target: string, healthy: boolean): QueryCaseRecord {
  const down = services.services.filter((s) => !s.up && REQUIRED_SERVICES.includes(s.service)).sort((a, b) => compareCodePoints(a.service, b.service));
  const verdict: QueryVerdict = {
    class: "dependency_skipped",
    reason: null,
    attribution: "dependency",
    dependencies: down.map((s) => s.service),
    detail: `service-backed case not run in mode ${services.mode}: ${down.map((s) => `${s.service} is down (${s.error ?? "no answer"})`).join("; ")}`,
  };
  return { case_id: item.case_id, tier: item.tier, query: item.query, route: "skipped", command: null, replay: replayFor(target, item), expect: item.expect, attempts: [], citations: [], storage_healthy: healthy, verdict };
}

async function pool<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(Array.from({ length: Math.max(1, Math.min(size, queue.length)) }, async () => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) await work(next);
  }));
}

/** Both services' full probe sequences with the run's URLs, timeouts and model (reference §11). */
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
 * case run `repeat` times through the platform — the CLI (`query` in the target root, over a fresh data dir
 * with the corpus copied in) or, for service-backed cases in service_up mode, the 7411 popup endpoint — its
 * citations looked up in the corpus read-only, and judged. Service-backed cases outside service_up mode are
 * recorded as dependency_skipped, naming the services that are down.
 */
export async function runQueryCases(options: QualifyOptions, expected: ExpectedLoad, run: { services?: ServiceHealthReport; concurrency?: number } = {}): Promise<QueryRunOutcome> {
  const services = run.services ?? (await probeQueryServices(options));
  const concurrency = run.concurrency ?? 2;
  const dirs = await prepareQueryDirs(options);
  const dbPaths = metadataDbPaths(dirs.dataDir, options.platformEnv, options.target);
  const reader = openCorpusReader(dbPaths);
  try {
    const initial = probeStorage(dbPaths);
    const storageProbes: StorageProbe[] = [initial];
    const ctx: PlatformCliContext = {
      root: options.target,
      python: options.python,
      pythonExecutable: await interpreterFor(options),
      configDir: dirs.configDir,
      dataDir: dirs.dataDir,
      safeMode: options.safeMode,
      timeoutMs: options.queryTimeoutMs,
      platformEnv: options.platformEnv,
      placeholders: dirs.placeholders,
    };
    let token: Promise<{ token: string | null; error: string | null }> | null = null;
    const popupToken = () => (token ??= fetchPopupToken(options.serviceUrls.service_7411, options.serviceTimeoutMs));
    const attempt = async (item: ExpectedAnswerCase, route: "cli" | "popup"): Promise<TimedAttempt> => {
      if (route === "cli") return cliAttempt(ctx, item.query);
      const auth = await popupToken();
      if (auth.token === null) return { command: `GET ${options.serviceUrls.service_7411}/api/auth/token`, ms: 0, stageMs: {}, attempt: { outcome: "transport_error", detail: `no popup token: ${auth.error}`, markers: null, answer: null, signature: null } };
      return popupAttempt(options.serviceUrls.service_7411, auth.token, item.query, options.queryTimeoutMs);
    };

    const records: QueryCaseRecord[] = [];
    const timings = new Map<string, CaseTimings>();
    await pool(expected.cases, concurrency, async (item) => {
      if (item.tier === "service_backed_strict" && services.mode !== "service_up") {
        records.push(skipped(item, services, options.target, storageHealthy(initial.health)));
        return;
      }
      const route = item.tier === "service_backed_strict" ? "popup" : "cli";
      const runs: TimedAttempt[] = [];
      for (let i = 0; i < options.queryRepeat; i++) runs.push(await attempt(item, route));
      const after = probeStorage(dbPaths);
      storageProbes.push(after);
      const attempts = runs.map((r) => r.attempt);
      const first = attempts[0]?.answer ?? null;
      const citations = first && attempts.every((a) => a.answer !== null) ? checkCitations(first.claims.flatMap((c) => c.citations), (id) => reader.lookup(id)) : [];
      const healthy = storageHealthy(after.health);
      const verdict = judgeQueryCase({ route, expect: item.expect, attempts, citations, storageHealthy: healthy });
      timings.set(item.case_id, { stageMs: runs[0]?.stageMs ?? {}, attemptMs: runs.map((r) => r.ms) });
      records.push({ case_id: item.case_id, tier: item.tier, query: item.query, route, command: runs[0]?.command ?? null, replay: replayFor(options.target, item), expect: item.expect, attempts, citations, storage_healthy: healthy, verdict });
    });
    records.sort((a, b) => TIER_ORDER.indexOf(a.tier) - TIER_ORDER.indexOf(b.tier) || compareCodePoints(a.case_id, b.case_id));
    const result: QueryRun = {
      schema_version: 1,
      expected: expected.source,
      fault: expected.fault,
      corpus: dirs.corpus,
      repeat: options.queryRepeat,
      services,
      storage: [...initial.health],
      cases: records,
      summary: summarizeTiers(records),
    };
    return { run: result, timings, storageProbes };
  } finally {
    reader.close();
    dirs.cleanup();
  }
}
