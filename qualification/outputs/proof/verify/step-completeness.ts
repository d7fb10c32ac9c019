import { z } from "zod";
import type {
  QualificationStatement,
  ShardRef,
  VerifyProblem,
  VerifyStepResult,
} from "../../../../contracts/proof-bundle.ts";
import { CHECK_IDS } from "../../../../contracts/reason-codes.ts";
import { renderFinalReport } from "../../report/render-final-report.ts";
import { canonicalJson, sha256Hex } from "../../../shared/canonical/canonical-json.ts";
import { RUN_CHECK_IDS } from "../../../session/plan.ts";
import { inShard, ownsRunChecks, shardLabel, shardView } from "../../../session/shard-view.ts";
import { INVENTORY_FILE, VERDICTS_FILE, VERSIONS_FILE } from "../bundle-layout.ts";
import {
  optionalFileProblems,
  readJsonDocuments,
  validateDocuments,
  type BundleDocuments,
} from "./bundle-documents.ts";
import type { BundleDir } from "./read-bundle-dir.ts";
import { recordedResults } from "./recorded-results.ts";
import { fromProblems, problem } from "./step-result.ts";

const LooseInventory = z.object({ plugins: z.array(z.object({ plugin_id: z.string() })) });
const LooseVerdicts = z.object({
  plugins: z.array(z.object({ plugin_id: z.string(), checks: z.record(z.string(), z.unknown()) })),
  run_checks: z.record(z.string(), z.unknown()),
});

/**
 * Every canonical plugin × check (of the bundle's shard), and every run check (shard 1), exactly once; nothing else.
 */
function countResults(inventory: unknown, verdicts: unknown, shard: ShardRef | null): VerifyProblem[] {
  const inv = LooseInventory.safeParse(inventory);
  const ver = LooseVerdicts.safeParse(verdicts);
  if (!inv.success || !ver.success) return [];
  const problems: VerifyProblem[] = [];
  const at = (detail: string, code: "RESULT_MISSING" | "RESULT_DUPLICATE" | "RESULT_EXTRA") =>
    problems.push(problem(code, VERDICTS_FILE, detail));
  const canonical = new Set(inv.data.plugins.map((p) => p.plugin_id).filter((id) => inShard(id, shard)));
  const seen = new Map<string, number>();
  for (const p of ver.data.plugins) seen.set(p.plugin_id, (seen.get(p.plugin_id) ?? 0) + 1);
  for (const id of canonical) {
    const count = seen.get(id) ?? 0;
    if (count === 0) at(`${id}: no results (expected ${CHECK_IDS.join(", ")})`, "RESULT_MISSING");
    if (count > 1) at(`${id}: results recorded ${count} times`, "RESULT_DUPLICATE");
  }
  const outside = shard ? ` (or not in shard ${shardLabel(shard)})` : "";
  for (const [id] of seen)
    if (!canonical.has(id))
      at(`${id}: results for a plugin that is not in the canonical inventory${outside}`, "RESULT_EXTRA");
  for (const p of ver.data.plugins) {
    if (!canonical.has(p.plugin_id)) continue;
    for (const check of CHECK_IDS)
      if (!(check in p.checks)) at(`${p.plugin_id} › ${check}: no result`, "RESULT_MISSING");
    for (const check of Object.keys(p.checks).sort())
      if (!(CHECK_IDS as readonly string[]).includes(check))
        at(`${p.plugin_id} › ${check}: not a check of the suite`, "RESULT_EXTRA");
  }
  const runChecks: readonly string[] = ownsRunChecks(shard) ? RUN_CHECK_IDS : [];
  for (const check of runChecks) if (!(check in ver.data.run_checks)) at(`run › ${check}: no result`, "RESULT_MISSING");
  for (const check of Object.keys(ver.data.run_checks).sort())
    if (!runChecks.includes(check))
      at(
        `run › ${check}: ${runChecks.length === 0 ? "run checks belong to shard 1" : "not a run check of the suite"}`,
        "RESULT_EXTRA",
      );
  return problems;
}

/** verdicts.json must be exactly what its own verdict cells, the inventory and the evidence render to. */
function consistency(
  { inventory, evidence, verdicts, versions }: BundleDocuments,
  statement: QualificationStatement,
): VerifyProblem[] {
  const problems: VerifyProblem[] = [];
  const { inventory_sha256: recorded, ...body } = inventory;
  if (sha256Hex(canonicalJson(body)) !== recorded)
    problems.push(
      problem(
        "INVENTORY_DIGEST_MISMATCH",
        INVENTORY_FILE,
        "inventory_sha256 is not the sha256 of the inventory's canonical JSON",
      ),
    );
  // A partial's verdicts are rendered from its shard's view of the (full) inventory, so they re-render from it too.
  const view = shardView(inventory, statement.predicate.shard);
  const placeholder = { run_id: "", started_at: "", finished_at: "", host: "", tool_version: "" };
  const { run: _run, ...rendered } = renderFinalReport({
    inventory: view,
    evidence,
    results: recordedResults(verdicts),
    run: placeholder,
    queries: verdicts.queries ?? null,
  });
  for (const key of Object.keys(rendered).sort() as (keyof typeof rendered)[])
    if (canonicalJson(rendered[key]) !== canonicalJson(verdicts[key]))
      problems.push(
        problem(
          "SUMMARY_MISMATCH",
          VERDICTS_FILE,
          `${key} is not what the recorded verdicts, inventory and evidence give`,
        ),
      );
  const p = statement.predicate;
  const expectEqual = (what: string, actual: unknown, expected: unknown, file: string | null = null) => {
    if (canonicalJson(actual) !== canonicalJson(expected))
      problems.push(
        problem("PREDICATE_MISMATCH", file, `${what}: ${canonicalJson(actual)}, expected ${canonicalJson(expected)}`),
      );
  };
  expectEqual("predicate.tests_emitted", p.tests_emitted, view.plugins.length * CHECK_IDS.length);
  expectEqual("predicate.summary", p.summary, verdicts.summary);
  expectEqual("predicate.ok", p.ok, verdicts.ok);
  expectEqual("predicate.inventory_sha256", p.inventory_sha256, inventory.inventory_sha256);
  expectEqual("predicate.lockfile_sha256", p.lockfile_sha256, evidence.lockfile.sha256);
  expectEqual("predicate.target", p.target, verdicts.target);
  expectEqual("predicate.platform", p.platform, verdicts.platform);
  expectEqual("versions.target", versions.target, verdicts.target, VERSIONS_FILE);
  expectEqual("versions.platform", versions.platform, verdicts.platform, VERSIONS_FILE);
  return problems;
}

/**
 * completeness: nothing dropped, nothing added, and every derived number follows from the recorded cells. A
 * partial (shard) bundle is complete for its shard only: checked as such, and a failure unless `partial` allows it.
 */
export function stepCompleteness(
  bundle: BundleDir,
  statement: QualificationStatement,
  options: { readonly partial?: boolean } = {},
): { result: VerifyStepResult; documents: BundleDocuments | null } {
  const shard = statement.predicate.shard;
  const problems: VerifyProblem[] = [];
  if (shard && shard.index > shard.count)
    problems.push(
      problem("PREDICATE_MISMATCH", null, `predicate.shard: ${shardLabel(shard)} is not a shard i/n with i ≤ n`),
    );
  if (shard && !options.partial)
    problems.push(
      problem(
        "PARTIAL_BUNDLE",
        null,
        `this is the partial bundle of shard ${shardLabel(shard)}, not a complete qualification: merge all ${shard.count} shards with \`pnpm qualify merge\`, or pass --partial to check this shard alone`,
      ),
    );
  const read = readJsonDocuments(bundle);
  const counted = countResults(read.values.get(INVENTORY_FILE), read.values.get(VERDICTS_FILE), shard);
  const validated = validateDocuments(read.values);
  problems.push(
    ...read.problems,
    ...counted,
    ...(counted.length === 0 ? validated.problems : []),
    ...optionalFileProblems(bundle),
  );
  const documents = counted.length === 0 ? validated.documents : null;
  if (documents) problems.push(...consistency(documents, statement));
  const plugins = documents ? shardView(documents.inventory, shard).plugins.length : 0;
  const scope = shard
    ? ` (shard ${shardLabel(shard)} of ${documents?.inventory.plugins.length ?? 0} canonical plugins)`
    : "";
  const total = documents
    ? `${plugins} plugin(s)${scope} × ${CHECK_IDS.length} checks + ${ownsRunChecks(shard) ? RUN_CHECK_IDS.length : 0} run checks`
    : "";
  return {
    result: fromProblems("completeness", problems, `${total}, each exactly once; summary and predicate agree`),
    documents,
  };
}
