import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { basename, join } from "node:path";
import type { FidelityReport, FidelityVariant } from "../../../contracts/fidelity.ts";
import { compareCodePoints } from "../../shared/canonical/canonical-json.ts";
import { copyTarget } from "../../shared/io/copy-target.ts";
import { trackDir, untrackDir } from "../../shared/process/run-resources.ts";
import { compareVerdicts, type SuiteView } from "./compare-verdicts.ts";
import type { FidelityPort, VariantDirs } from "../../gather/adapters/fidelity-port.ts";
import { SeededRandom } from "../../shared/canonical/seeded-random.ts";

export interface FidelityRequest {
  readonly target: string;
  readonly seeds: readonly number[];
  readonly port: FidelityPort;
  /** The suite's verdicts on a variant (`suite-view.ts`; a test may plant a deviation here). */
  readonly judge: (variant: VariantDirs) => Promise<SuiteView>;
  readonly log?: (line: string) => void;
}

/**
 * `qualify fidelity`: for each seed, a private copy of the target mutated by the adapter's menu, judged by the
 * suite and by the platform's own code (the adapter's oracle) side by side, and compared check by check. The
 * target is only ever read. A variant one side cannot judge is reported as such (`error`), never skipped.
 */
export async function runFidelity(request: FidelityRequest): Promise<FidelityReport> {
  const started = new Date();
  const t0 = performance.now();
  const variants: FidelityVariant[] = [];
  for (const seed of request.seeds) {
    const base = trackDir(mkdtempSync(join(tmpdir(), "qualify-fidelity-")));
    const variant: VariantDirs = {
      root: join(base, basename(request.target) || "platform"),
      configDir: join(base, "config"),
    };
    try {
      copyTarget(request.target, variant.root);
      mkdirSync(variant.configDir);
      variants.push(await judgeVariant(seed, variant, request));
    } finally {
      rmSync(base, { recursive: true, force: true });
      untrackDir(base);
    }
    const last = variants.at(-1)!;
    request.log?.(
      `seed ${seed}: ${last.mutations.map((m) => m.kind).join(", ")} → ${last.error ? `ERROR ${last.error}` : `${last.disagreements.length} disagreement(s)`}`,
    );
  }
  const durationMs = performance.now() - t0;
  const byCheck: Record<string, { compared: number; disagreements: number }> = {};
  for (const v of variants) {
    for (const [check, n] of Object.entries(v.compared))
      (byCheck[check] ??= { compared: 0, disagreements: 0 }).compared += n;
    for (const d of v.disagreements) (byCheck[d.check] ??= { compared: 0, disagreements: 0 }).disagreements += 1;
  }
  const sortedByCheck = Object.fromEntries(Object.entries(byCheck).sort(([a], [b]) => compareCodePoints(a, b)));
  return {
    schema_version: 1,
    adapter: request.port.name,
    target: request.target,
    seeds: [...request.seeds],
    variants,
    summary: {
      variants: variants.length,
      comparisons: variants.reduce((n, v) => n + Object.values(v.compared).reduce((a, b) => a + b, 0), 0),
      disagreements: variants.reduce((n, v) => n + v.disagreements.length, 0),
      variants_in_error: variants.filter((v) => v.error !== null).length,
      by_check: sortedByCheck,
    },
    run: {
      started_at: started.toISOString(),
      host: hostname(),
      duration_ms: Math.round(durationMs),
      ms_per_variant: variants.length > 0 ? Math.round(durationMs / variants.length) : 0,
    },
  };
}

async function judgeVariant(seed: number, variant: VariantDirs, request: FidelityRequest): Promise<FidelityVariant> {
  let mutations: FidelityVariant["mutations"] = [];
  try {
    mutations = await request.port.mutate(variant, new SeededRandom(seed));
    // Both read the variant only: they run side by side.
    const [suite, platform] = await Promise.all([request.judge(variant), request.port.oracle(variant)]);
    const { compared, disagreements } = compareVerdicts(suite, platform);
    const order = (d: FidelityVariant["disagreements"][number]) => `${d.plugin_id ?? ""}\u0000${d.check}`;
    return {
      seed,
      mutations,
      compared: sortKeys(compared),
      disagreements: disagreements.sort((a, b) => compareCodePoints(order(a), order(b))),
      error: null,
    };
  } catch (error) {
    const code = (error as { code?: string }).code;
    return {
      seed,
      mutations,
      compared: {},
      disagreements: [],
      error: `${code ?? (error as Error).name}: ${(error as Error).message}`,
    };
  }
}

function sortKeys(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => compareCodePoints(a, b)));
}
