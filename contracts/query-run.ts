import { z } from "zod";
import { ExpectedAnswer, QueryTier } from "./expected-answers.ts";
import { ServiceName } from "./probe-spec.ts";

/**
 * `queries.json`: the query-correctness run, evidence and verdicts together. Everything here is deterministic
 * for the same target, corpus and services (no latencies, no clock-stamped run IDs, temp dirs replaced by
 * placeholders); timings live only in telemetry.json.
 */

const Json: z.ZodType<unknown> = z.lazy(() =>
  z.union([z.null(), z.boolean(), z.number(), z.string(), z.array(Json), z.record(z.string(), Json)]),
);

/** `service_7411` | `service_8000` (the probe catalog's names). */
export type ServiceId = z.infer<typeof ServiceName>;

/**
 * Recorded before any case is judged: which services answered their full probe sequence (port 7411 and port 8000,
 * as the platform's `tools/run_non_vlm_readiness.py` `_run_preflight` probes them).
 */
export const ServiceMode = z.enum(["service_up", "service_down", "only_7411_down", "only_8000_down"]);
export type ServiceMode = z.infer<typeof ServiceMode>;

export const QueryClass = z.enum(["pass", "fail", "infra_error", "dependency_skipped"]);
export type QueryClass = z.infer<typeof QueryClass>;

const QUERY_FAIL_REASONS = ["answer_wrong", "citation_invalid", "retrieval_miss", "nondeterministic"] as const;
/**
 * corpus_missing: no corpus DB to query (an input of the run, not a disk fault); hosting_timeout: the platform's
 * plugin hosting hung (a nested capability call under subprocess hosting); environment_error: the interpreter,
 * its packages, the config or another instance holding the data dir kept the platform from starting;
 * output_invalid: the query printed something that is not its JSON result (a plugin writing to stdout, say).
 */
export const QUERY_INFRA_REASONS = [
  "query_timeout",
  "dependency_down",
  "db_io",
  "corpus_missing",
  "boot_failed",
  "hosting_timeout",
  "environment_error",
  "output_invalid",
  "capability_missing",
  "degraded_result",
] as const;
export const QueryReason = z.enum([...QUERY_FAIL_REASONS, ...QUERY_INFRA_REASONS]);
export type QueryReason = z.infer<typeof QueryReason>;

/**
 * Root cause of a failure: a service, the plugin stack, storage I/O, the platform's plugin hosting, the
 * environment the platform runs in (interpreter, packages, config, the corpus given to it), or the suite itself.
 */
export const Attribution = z.enum(["dependency", "plugin", "io", "hosting", "environment", "suite"]);
export type Attribution = z.infer<typeof Attribution>;

export const ServiceProbe = z
  .object({
    service: ServiceName,
    url: z.string(),
    up: z.boolean(),
    /** The probe sequence as run, in order; it stops at the first failing step. */
    steps: z.array(z.object({ step: z.string(), ok: z.boolean(), detail: z.string() }).strict()),
    /** The reference's error code for the failing step (`models_missing_expected`, `popup_blocked:…`), else null. */
    error: z.string().nullable(),
  })
  .strict();
export type ServiceProbe = z.infer<typeof ServiceProbe>;

export const ServiceHealthReport = z.object({ mode: ServiceMode, services: z.array(ServiceProbe) }).strict();
export type ServiceHealthReport = z.infer<typeof ServiceHealthReport>;

export const SqliteErrorClass = z.enum(["io_error", "busy_locked", "corrupt", "not_a_database", "cannot_open"]);
export type SqliteErrorClass = z.infer<typeof SqliteErrorClass>;

/**
 * One metadata DB (`storage.metadata_path`, or its `metadata.live.db` replica), probed read-only. `present: false`
 * with no error means "not there" (fine for the live replica).
 */
export const SqliteHealth = z
  .object({
    file: z.enum(["metadata.db", "metadata.live.db"]),
    present: z.boolean(),
    healthy: z.boolean(),
    error_class: SqliteErrorClass.nullable(),
    error: z.string().nullable(),
    quick_check: z.string().nullable(),
    page_count: z.number().int().nullable(),
    journal_mode: z.string().nullable(),
    wal_file: z.boolean(),
    /**
     * `direct_ro`: opened read-only in place. `snapshot`: a WAL-mode DB without its `-wal`/`-shm` pair was
     * copied to a private temp dir first, because SQLite creates those files even for a read-only open
     * (the platform's `autocapture_nx/kernel/sqlite_reads.py` `open_sqlite_reader` also falls back to a snapshot
     * copy). Null when nothing was opened.
     */
    read_mode: z.enum(["direct_ro", "snapshot"]).nullable(),
    record_count: z.number().int().nullable(),
  })
  .strict();
export type SqliteHealth = z.infer<typeof SqliteHealth>;

export const CitationRef = z
  .object({
    record_id: z.string().nullable(),
    evidence_id: z.string().nullable(),
    evidence_hash: z.string().nullable(),
    record_hash: z.string().nullable(),
    offset_start: z.number().nullable(),
    offset_end: z.number().nullable(),
    span_sha256: z.string().nullable(),
  })
  .strict();
export type CitationRef = z.infer<typeof CitationRef>;

/** The answer as both routes (CLI result, popup response) normalise it; signatures and expectations use this. */
export const AnswerView = z
  .object({
    state: z.string().nullable(),
    summary: z.string(),
    bullets: z.array(z.string()),
    fields: z.record(z.string(), Json),
    claims: z.array(z.object({ text: z.string(), citations: z.array(CitationRef) }).strict()),
  })
  .strict();
export type AnswerView = z.infer<typeof AnswerView>;

/** The "not an answer" marker fields of one platform output, as read (run IDs reduced to their prefix). */
export const MarkerFields = z
  .object({
    ok: z.boolean().nullable(),
    error: z.string().nullable(),
    run_id_prefix: z.string().nullable(),
    method: z.string().nullable(),
    answer_state: z.string().nullable(),
    summary: z.string().nullable(),
    blocked_reason: z.string().nullable(),
    popup_blocked_reason: z.string().nullable(),
    skip_reason: z.string().nullable(),
    missing_capabilities: z.array(z.string()),
    golden_error_code: z.string().nullable(),
    /** The platform's own error details (`answer.errors[].detail`), temp dirs replaced by placeholders. */
    error_detail: z.string().nullable(),
  })
  .strict();
export type MarkerFields = z.infer<typeof MarkerFields>;

export type InfraReason = (typeof QUERY_INFRA_REASONS)[number];

/**
 * An attempt that is an infrastructure outcome, not an answer, as the platform's adapter reads its own output (its
 * markers, its stderr): why, whose fault, which services it names, and the platform's words for it.
 */
export const InfraFinding = z
  .object({
    reason: z.enum(QUERY_INFRA_REASONS),
    attribution: Attribution,
    dependencies: z.array(ServiceName),
    marker: z.string(),
  })
  .strict();
export type InfraFinding = z.infer<typeof InfraFinding>;

export const QueryAttempt = z
  .object({
    /** `result`: the platform answered with an object; the others are the harness's own observations. */
    outcome: z.enum(["result", "timeout", "transport_error", "invalid_output"]),
    detail: z.string(),
    markers: MarkerFields.nullable(),
    /**
     * The adapter's reading of what came back, recorded when the route returned: the judge takes it as evidence
     * (null: an answer, or a failure the judge's own rules decide — a timeout, a failed service route).
     */
    finding: InfraFinding.nullable(),
    answer: AnswerView.nullable(),
    signature: z.string().nullable(),
  })
  .strict();
export type QueryAttempt = z.infer<typeof QueryAttempt>;

/** One cited record looked up in the corpus DB (read-only). */
export const CitationFact = z
  .object({
    record_id: z.string().nullable(),
    found: z.boolean(),
    db: z.enum(["metadata.db", "metadata.live.db"]).nullable(),
    problems: z.array(
      z.enum([
        "missing_record_id",
        "record_not_found",
        "evidence_hash_mismatch",
        "evidence_hash_missing",
        "record_hash_mismatch",
        "offsets_invalid",
        "offsets_out_of_range",
        "span_sha256_mismatch",
        "db_unreadable",
      ]),
    ),
  })
  .strict();
export type CitationFact = z.infer<typeof CitationFact>;

export const QueryVerdict = z
  .object({
    class: QueryClass,
    reason: QueryReason.nullable(),
    attribution: Attribution.nullable(),
    /** The services a skip or a dependency_down names. */
    dependencies: z.array(ServiceName),
    detail: z.string(),
    expected: z.unknown().optional(),
    actual: z.unknown().optional(),
  })
  .strict();
export type QueryVerdict = z.infer<typeof QueryVerdict>;

export const QueryCaseRecord = z
  .object({
    case_id: z.string(),
    tier: QueryTier,
    query: z.string(),
    /**
     * `not_run`: a CLI case not run because the run-level root cause (`root_cause`) keeps every query from answering.
     */
    route: z.enum(["cli", "popup", "skipped", "not_run"]),
    command: z.string().nullable(),
    /**
     * The hosting mode the platform ran this case's CLI queries under (null: answered by the popup service, or not
     * run).
     */
    hosting: z.enum(["subprocess", "inproc"]).nullable(),
    replay: z.string(),
    expect: ExpectedAnswer,
    attempts: z.array(QueryAttempt),
    citations: z.array(CitationFact),
    /** Storage health when the case finished: a failure while it is false is `db_io`, never a plugin verdict. */
    storage_healthy: z.boolean(),
    verdict: QueryVerdict,
  })
  .strict();
export type QueryCaseRecord = z.infer<typeof QueryCaseRecord>;

/** `evaluated` = judged for correctness (passed + failed); infra rows and skips are outside the correctness metrics. */
export const TierSummary = z
  .object({
    total: z.number().int(),
    evaluated: z.number().int(),
    passed: z.number().int(),
    failed: z.number().int(),
    infra_error: z.number().int(),
    dependency_skipped: z.number().int(),
  })
  .strict();
export type TierSummary = z.infer<typeof TierSummary>;

/** Why the expected answers (and so the query tier) could not be used: an unusable input, never a verdict on a case. */
export const QueryFault = z
  .object({
    code: z.enum([
      "EXPECTED_UNREADABLE",
      "EXPECTED_INVALID",
      "EXPECTED_CASES_MISSING",
      "EXPECTED_CASES_INVALID",
      "EXPECTED_SOURCE_DISALLOWED",
    ]),
    detail: z.string(),
    file: z.string().nullable(),
    /** Every problem at once, each with its JSON pointer into `file`. */
    issues: z.array(z.object({ pointer: z.string(), message: z.string() }).strict()),
  })
  .strict();
export type QueryFault = z.infer<typeof QueryFault>;

/** The expected-answers input as read: the file, its format, and (platform format) the cases file beside it. */
export const ExpectedSource = z
  .object({
    source: z.string(),
    format: z.enum(["suite", "platform"]),
    sha256: z.string(),
    cases: z.object({ source: z.string(), sha256: z.string() }).strict().nullable(),
  })
  .strict();
export type ExpectedSource = z.infer<typeof ExpectedSource>;

/**
 * Where the queried corpus came from: a copy of a corpus DB into a fresh data dir (`corpus_copy`), the user's
 * own data dir used in place (`data_dir`), or nothing (`empty`: every query then meets the freshness guard).
 */
export const CorpusSource = z
  .object({
    mode: z.enum(["corpus_copy", "data_dir", "empty"]),
    source: z.string().nullable(),
    sha256: z.string().nullable(),
  })
  .strict();
export type CorpusSource = z.infer<typeof CorpusSource>;

/** How the platform hosted its plugins for the CLI queries, as its own rules decide it from config and env. */
export const QueryHosting = z
  .object({
    mode: z.enum(["subprocess", "inproc"]),
    /** Plugins in `plugins.hosting.inproc_allowlist` run inproc even in subprocess mode. */
    inproc_allowlist: z.array(z.string()),
    /**
     * What decided the mode: the config, the env override, `--safe-mode` with safe_mode_minimal, WSL, or
     * QUALIFY_QUERY_HOSTING.
     */
    source: z.string(),
  })
  .strict();
export type QueryHosting = z.infer<typeof QueryHosting>;

/**
 * A cause every CLI query meets before it reaches the query itself (the platform cannot boot, its hosting
 * hangs, no corpus): found once, confirmed on a second case, and named here once; the cases that were not run
 * because of it point to it. Null when no such cause was seen.
 */
export const QueryRootCause = z
  .object({
    reason: z.enum(QUERY_INFRA_REASONS),
    attribution: Attribution,
    detail: z.string(),
    /** The cases that showed it (the first case and the confirming one). */
    seen_in: z.array(z.string()),
    /** What to do about it. */
    remedy: z.string(),
  })
  .strict();
export type QueryRootCause = z.infer<typeof QueryRootCause>;

export const QueryRun = z
  .object({
    /** 2: each attempt records its adapter's `finding`. */
    schema_version: z.literal(2),
    expected: ExpectedSource.nullable(),
    fault: QueryFault.nullable(),
    corpus: CorpusSource,
    hosting: QueryHosting.nullable(),
    root_cause: QueryRootCause.nullable(),
    repeat: z.number().int().min(1),
    services: ServiceHealthReport,
    storage: z.array(SqliteHealth),
    cases: z.array(QueryCaseRecord),
    summary: z.record(QueryTier, TierSummary),
  })
  .strict();
export type QueryRun = z.infer<typeof QueryRun>;

/** `db_health.json`: the metadata DBs the queries read, probed read-only before the first case. */
export const DbHealthReport = z
  .object({
    schema_version: z.literal(1),
    corpus: CorpusSource,
    healthy: z.boolean(),
    databases: z.array(SqliteHealth),
  })
  .strict();
export type DbHealthReport = z.infer<typeof DbHealthReport>;

/** One case as final.json shows it. */
export const FinalQueryCase = z
  .object({
    case_id: z.string(),
    tier: QueryTier,
    class: QueryClass,
    reason: QueryReason.nullable(),
    attribution: Attribution.nullable(),
    dependencies: z.array(ServiceName),
    detail: z.string(),
  })
  .strict();
export type FinalQueryCase = z.infer<typeof FinalQueryCase>;

/**
 * final.json's `queries` section. `ok`: every non_service_strict case passed, and every service_backed_strict
 * case passed or (services not both up) was dependency_skipped. An unusable expected-answers file is not ok.
 */
export const FinalQueries = z
  .object({
    ok: z.boolean(),
    service_mode: ServiceMode.nullable(),
    expected: ExpectedSource.nullable(),
    fault: QueryFault.nullable(),
    root_cause: QueryRootCause.nullable(),
    tiers: z.record(QueryTier, TierSummary.extend({ ok: z.boolean() }).strict()),
    cases: z.array(FinalQueryCase),
    failing_case_ids: z.array(z.string()),
  })
  .strict();
export type FinalQueries = z.infer<typeof FinalQueries>;

const CauseCounts = z
  .object({
    retrieval_miss: z.number().int(),
    citation_invalid: z.number().int(),
    upstream_unreachable: z.number().int(),
  })
  .strict();

/**
 * `strict_matrix.json`: the platform's strict-matrix summary (the keys `tools/run_real_corpus_readiness.py` writes)
 * over all strict cases of both tiers, for cross-checking with `tools/gate_real_corpus_strict.py`. `ok` applies
 * the platform's rule (total == evaluated, nothing skipped, nothing failed), so a service_down run is not ok here
 * even when the suite's tiered verdict is. Unlike the platform's readiness tool, infrastructure rows map to
 * `upstream_unreachable`, never to `citation_invalid`. Latency p95 is left out: the file is deterministic.
 */
export const StrictMatrix = z
  .object({
    schema_version: z.literal(1),
    ok: z.boolean(),
    strict_mode: z.literal(true),
    strict_contract: z.string().nullable(),
    strict_contract_sha256: z.string().nullable(),
    failure_reasons: z.array(z.string()),
    matrix_total: z.number().int(),
    matrix_evaluated: z.number().int(),
    matrix_passed: z.number().int(),
    matrix_failed: z.number().int(),
    matrix_skipped: z.number().int(),
    strict_failure_causes: z
      .object({
        counts: CauseCounts,
        by_case: z.array(
          z
            .object({
              id: z.string(),
              tier: QueryTier,
              cause: z.enum(["retrieval_miss", "citation_invalid", "upstream_unreachable"]),
              class: QueryClass,
              reason: QueryReason.nullable(),
            })
            .strict(),
        ),
      })
      .strict(),
    strict_failure_cause_counts: CauseCounts,
  })
  .strict();
export type StrictMatrix = z.infer<typeof StrictMatrix>;
