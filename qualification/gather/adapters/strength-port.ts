/** One place in a plugin's code a mutant can change, as the adapter's mutator lists it. */
export interface MutationSite {
  readonly file: string;
  readonly site: number;
  readonly line: number;
  readonly kind: "compare" | "boolop" | "constant" | "branch" | "return";
  readonly description: string;
  /** The line that runs when the mutated code runs (a function's first statement for `return`): coverage's key. */
  readonly runs_at: number;
  /** For a file outside the plugin's dir: the imported top-level definitions the site lies in. */
  readonly within?: string[];
}

/** One capability call of a probe spec, as the judged run sent it. */
export interface CoverageCall {
  readonly capability: string;
  readonly method: string;
  readonly input: unknown;
  readonly via?: "plugin" | "registry" | undefined;
}

export interface CoverageRequest {
  readonly python: string;
  readonly root: string;
  readonly pluginId: string;
  readonly setup: readonly CoverageCall[];
  /** The spec's settings for its plugin, as its hosts load them. */
  readonly settings?: Readonly<Record<string, unknown>> | undefined;
  /** The steps' calls with the inputs the judged run sent (bindings resolved). */
  readonly steps: readonly CoverageCall[];
  /** Target-relative files whose executed lines are wanted. */
  readonly files: readonly string[];
  readonly platformEnv: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
}

export type CoverageAnswer =
  | { readonly ok: true; readonly covered: ReadonlyMap<string, ReadonlySet<number>> }
  | { readonly ok: false; readonly error: string };

/**
 * What `qualify probe strength` needs from a platform adapter: the mutation sites of a plugin's code, a way to
 * apply one to a copy of the target so that only behaviour differs (the platform's own integrity checks still
 * pass), and which lines a spec's calls execute. Choosing, judging and counting mutants is the command's own.
 */
export interface StrengthPort {
  /** Every mutation site of the plugin's code (`pluginDir`, target-relative), in a stable order. */
  mutationSites(python: string, root: string, pluginDir: string): Promise<MutationSite[]>;
  /** Applies one site to a COPY of the target (`copyRoot`, never the target) and re-locks the plugin. */
  applyMutant(python: string, copyRoot: string, site: MutationSite, pluginId: string): Promise<void>;
  /** Which lines of `request.files` the platform's load, the spec's setup and its steps' calls execute. */
  specCoverage(request: CoverageRequest): Promise<CoverageAnswer>;
}
