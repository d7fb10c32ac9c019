import type { ServiceHealthReport } from "../../contracts/query-run.ts";
import { adapterNamed } from "../gather/adapters/adapter-registry.ts";
import type { PlatformAdapter, PlatformFindings } from "../gather/adapters/platform-adapter.ts";
import { platformSettings } from "../gather/adapters/platform-environment.ts";
import type { QualifyOptions } from "../shared/options/resolve-options.ts";
import { loadExpectedAnswers, type ExpectedLoad } from "./expected/load-expected-answers.ts";
import { probeQueryServices, runQueryCases, type QueryRunOutcome } from "./run-query-cases.ts";

/** What the query tier gathered in one session, for its output files and telemetry. */
export interface QueryTierEvidence {
  /** The query run, when a test asked for it and it completed (a run that crashed already failed its tests). */
  readonly outcome: QueryRunOutcome | null;
  /** The services' health: the run's own probe, else a probe taken for telemetry (written on every run). */
  readonly services: ServiceHealthReport;
}

/**
 * The query tier of one qualification session, each part gathered once: the expected answers (read when the
 * tests are registered), the service probe (before any case is judged), and the query run itself.
 */
export class QuerySession {
  private expectedMemo: ExpectedLoad | null = null;
  private servicesMemo: Promise<ServiceHealthReport> | null = null;
  private runMemo: Promise<QueryRunOutcome> | null = null;

  /**
   * `findings`: what the qualification's own load of the platform found, to name the plugin behind a root cause.
   * `adapter`: the platform adapter whose query port runs the cases (default: the one `options.adapter` names).
   */
  constructor(
    readonly options: QualifyOptions,
    private readonly findings: (() => Promise<PlatformFindings>) | null = null,
    private readonly adapter: PlatformAdapter = adapterNamed(options.adapter),
  ) {}

  expected(): ExpectedLoad {
    return (this.expectedMemo ??= loadExpectedAnswers(
      this.options.expectedFile,
      this.options.expectedCasesFile,
      platformSettings(this.options, this.adapter.environment).platformDataDir ?? this.options.corpusDb,
    ));
  }

  services(): Promise<ServiceHealthReport> {
    return (this.servicesMemo ??= probeQueryServices(this.options, this.adapter));
  }

  run(): Promise<QueryRunOutcome> {
    const findings = this.findings;
    return (this.runMemo ??= this.services().then((services) =>
      runQueryCases(this.options, this.expected(), {
        services,
        adapter: this.adapter,
        ...(findings ? { findings } : {}),
      }),
    ));
  }

  /**
   * Everything the tier gathered, once no test will ask for more. A filtered run whose tests never asked for the
   * query run is not made to pay for it; the services are still probed (telemetry reports them on every run).
   */
  async tierEvidence(): Promise<QueryTierEvidence> {
    const outcome = this.runMemo ? await this.runMemo.catch(() => null) : null;
    return { outcome, services: outcome?.run.services ?? (await this.services()) };
  }
}
