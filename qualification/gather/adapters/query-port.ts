import type {
  AnswerView,
  CorpusSource,
  InfraFinding,
  InfraReason,
  MarkerFields,
  QueryHosting,
} from "../../../contracts/query-run.ts";
import type { QualifyOptions } from "../../shared/options/resolve-options.ts";
import type { MetadataDbPaths } from "../storage/metadata-db-paths.ts";

/** One platform output (a CLI result object or a popup response) as the harness reads it. */
export interface PlatformOutput {
  readonly markers: MarkerFields;
  readonly answer: AnswerView;
  /** The adapter's reading of its markers: an infrastructure outcome (never recorded as an answer), or null. */
  readonly finding: InfraFinding | null;
  /** The platform's own stage timings (its query trace, or the popup's total latency): telemetry only. */
  readonly stageMs: Record<string, number>;
}

/** One question put to the platform: the command as evidence shows it, its wall time, and what came back. */
export interface RoutedQuery {
  readonly command: string;
  readonly ms: number;
  readonly reply:
    | { readonly kind: "output"; readonly output: PlatformOutput }
    | {
        readonly kind: "failed";
        readonly outcome: "timeout" | "transport_error" | "invalid_output";
        readonly detail: string;
        /**
         * Why, in the platform's own words (its stderr); null where the tier's rules decide (timeouts, service routes).
         */
        readonly finding: InfraFinding | null;
      };
}

/** The routes a started workspace answers questions through. */
export interface QueryRoutes {
  /** How the platform hosts its plugins for the CLI queries, by its own rules. */
  readonly hosting: QueryHosting;
  /** The platform's own query command, in worker `worker`'s data dir. */
  cli(worker: number, text: string): Promise<RoutedQuery>;
  /** The running popup service's query endpoint (service-backed cases). */
  popup(text: string): Promise<RoutedQuery>;
}

/** The dirs one query run gives the platform: one data dir per concurrent query, each holding the corpus. */
export interface QueryWorkspace {
  /** How many queries may run at once (one per data dir). */
  readonly workers: number;
  readonly corpus: CorpusSource;
  /** The metadata DBs worker `worker`'s queries read, for the storage probe and the citation reader. */
  dbPaths(worker: number): MetadataDbPaths;
  /** Decides the hosting and readies the routes (after the first storage probe: a failure here ends the run). */
  start(): Promise<QueryRoutes>;
  cleanup(): void;
}

/** What to do about a run-level cause, in the platform's own terms (its env, its config keys), by reason. */
export type QueryRemedies = Readonly<Partial<Record<InfraReason, string>>>;

/**
 * What the query tier needs from a platform adapter: dirs its queries run in, and the routes that put a question
 * to the platform and read its output into markers, an answer and the adapter's finding. Scheduling, storage
 * checks, judging and root causes are the tier's own (qualification/query).
 */
export interface QueryPort {
  /** The API key the VLM service probe sends, as the platform's env names it (null: none). */
  vlmApiKey(options: QualifyOptions): string | null;
  /** Fresh dirs for `workers` concurrent queries (fewer when the platform's data dir is the user's own). */
  prepare(options: QualifyOptions, workers: number): Promise<QueryWorkspace>;
  /** The platform's remedies for run-level causes (the tier's generic remedy stands where one is absent). */
  readonly remedies: QueryRemedies;
}
