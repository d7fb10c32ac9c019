import type { PluginEvidence, RunEvidence } from "../../../contracts/evidence.ts";
import type { FinalReport } from "../../../contracts/final-report.ts";
import type { MergeProblem, ShardProvenance } from "../../../contracts/proof-bundle.ts";
import { renderFinalReport } from "../report/render-final-report.ts";
import { compareCodePoints, sha256Hex, stableJson } from "../../shared/canonical/canonical-json.ts";
import { SHARDS_FILE } from "../proof/bundle-layout.ts";
import { recordedResults } from "../proof/verify/recorded-results.ts";
import { RUN_CHECK_IDS } from "../../session/plan.ts";
import { mergedRunSection } from "./merged-run-section.ts";
import { verifyCodes, type OpenedPartial } from "./open-partial.ts";
import { sameQualification, type UsablePartial } from "./partial-identity.ts";
import { inShard, shardLabel } from "../../session/shard-view.ts";

/** What the merged bundle and reports are made of. */
export interface MergedQualification {
  readonly final: FinalReport;
  /** inventory.json exactly as every partial recorded it. */
  readonly inventoryBytes: Buffer;
  readonly evidence: RunEvidence;
  readonly extras: ReadonlyMap<string, Buffer>;
}

export interface MergeResult {
  readonly problems: readonly MergeProblem[];
  /** Null whenever there is a problem: a merge is all or nothing. */
  readonly merged: MergedQualification | null;
}

/**
 * Pure: n verified partials → one complete qualification. Every partial must verify on its own, all must be
 * shards of the same qualification (inventory, target, commit, tool, shard count, run-level evidence), shards
 * 1..n must each appear exactly once, and then every canonical plugin × check and every run check appears
 * exactly once across them. The merged verdicts are the recorded cells, rendered over the full inventory; the
 * merged bundle also records where they came from (shards.json).
 */
export function mergePartials(partials: readonly OpenedPartial[]): MergeResult {
  const problems: MergeProblem[] = [];
  const usable: UsablePartial[] = [];
  for (const p of partials) {
    if (!p.contents)
      problems.push({
        code: "PARTIAL_INVALID",
        partial: p.dir,
        detail: `does not verify as a partial bundle: ${verifyCodes(p.verify).join(", ")}`,
      });
    else if (!p.shard)
      problems.push({
        code: "NOT_PARTIAL",
        partial: p.dir,
        detail: "a complete bundle, not a shard's partial bundle: there is nothing to merge it with",
      });
    else usable.push(p as UsablePartial);
  }
  const { accepted, problems: foreign } = sameQualification(usable);
  problems.push(...foreign);
  const reference = accepted[0];
  if (partials.length === 0)
    problems.push({ code: "SHARD_MISSING", partial: null, detail: "no partial bundle was given" });
  if (!reference) return { problems, merged: null };

  const count = reference.shard!.count;
  const byIndex = new Map<number, UsablePartial[]>();
  for (const p of accepted) byIndex.set(p.shard!.index, [...(byIndex.get(p.shard!.index) ?? []), p]);
  for (let index = 1; index <= count; index++) {
    const holders = byIndex.get(index) ?? [];
    if (holders.length === 0)
      problems.push({
        code: "SHARD_MISSING",
        partial: null,
        detail: `no partial bundle for shard ${index}/${count} was given`,
      });
    if (holders.length > 1)
      problems.push({
        code: "SHARD_DUPLICATE",
        partial: holders[1]!.dir,
        detail: `shard ${index}/${count} is given ${holders.length} times: ${holders.map((h) => h.dir).join(", ")}`,
      });
  }
  if (problems.length > 0) return { problems, merged: null };

  const cells = cellProblems(accepted);
  problems.push(...cells.problems);
  if (problems.length > 0) return { problems, merged: null };
  const extras = provenance(accepted);

  const { inventory, evidence: runEvidence } = reference.contents.documents;
  const evidence: RunEvidence = { ...runEvidence, plugins: cells.evidence };
  const results = accepted.flatMap((p) => recordedResults(p.contents.documents.verdicts));
  const run = mergedRunSection(
    accepted.map((p) => p.contents.run),
    reference.contents.documents.versions.tool_version,
  );
  // The query tier, like the run checks, was judged in shard 1 (cellProblems checked no other shard has one).
  const queries = accepted.map((p) => p.contents.documents.verdicts.queries ?? null).find((q) => q !== null) ?? null;
  const final = renderFinalReport({ inventory, evidence, results, run, queries });
  return { problems, merged: { final, inventoryBytes: reference.contents.inventoryBytes, evidence, extras } };
}

/** Each canonical plugin's results and evidence come from exactly one partial (its shard's); run checks from one. */
function cellProblems(accepted: readonly UsablePartial[]): { problems: MergeProblem[]; evidence: PluginEvidence[] } {
  const problems: MergeProblem[] = [];
  const inventory = accepted[0]!.contents.documents.inventory;
  const owners = new Map<string, UsablePartial[]>();
  for (const p of accepted)
    for (const v of p.contents.documents.verdicts.plugins)
      owners.set(v.plugin_id, [...(owners.get(v.plugin_id) ?? []), p]);
  const evidence: PluginEvidence[] = [];
  const gatheredBy = new Map(
    accepted.map((p) => [p, new Map(p.contents.documents.evidence.plugins.map((e) => [e.plugin_id, e]))]),
  );
  for (const item of inventory.plugins) {
    const holders = owners.get(item.plugin_id) ?? [];
    owners.delete(item.plugin_id);
    if (holders.length === 0)
      problems.push({
        code: "RESULT_MISSING",
        partial: null,
        detail: `${item.plugin_id}: no partial holds its results`,
      });
    if (holders.length > 1)
      problems.push({
        code: "RESULT_DUPLICATE",
        partial: holders[1]!.dir,
        detail: `${item.plugin_id}: results in ${holders.length} partials: ${holders.map((h) => h.dir).join(", ")}`,
      });
    const owner = holders[0];
    if (!owner || holders.length > 1) continue;
    if (!inShard(item.plugin_id, owner.shard))
      problems.push({
        code: "RESULT_EXTRA",
        partial: owner.dir,
        detail: `${item.plugin_id} is not a plugin of shard ${shardLabel(owner.shard!)}`,
      });
    const gathered = gatheredBy.get(owner)!.get(item.plugin_id);
    if (gathered) evidence.push(gathered);
    else if (item.resolved && item.category !== "deprecated_removed")
      problems.push({
        code: "EVIDENCE_MISSING",
        partial: owner.dir,
        detail: `${item.plugin_id}: its partial recorded no evidence for it`,
      });
  }
  for (const [id, holders] of owners)
    problems.push({
      code: "RESULT_EXTRA",
      partial: holders[0]!.dir,
      detail: `${id}: results for a plugin that is not in the canonical inventory`,
    });
  const runHolders = accepted.filter((p) => Object.keys(p.contents.documents.verdicts.run_checks).length > 0);
  if (runHolders.length === 0)
    problems.push({
      code: "RESULT_MISSING",
      partial: null,
      detail: `no partial holds the run checks (${RUN_CHECK_IDS.join(", ")})`,
    });
  if (runHolders.length > 1)
    problems.push({
      code: "RESULT_DUPLICATE",
      partial: runHolders[1]!.dir,
      detail: `run checks recorded by ${runHolders.map((h) => h.dir).join(", ")}`,
    });
  const queryHolders = accepted.filter((p) => (p.contents.documents.verdicts.queries ?? null) !== null);
  if (queryHolders.length > 1)
    problems.push({
      code: "RESULT_DUPLICATE",
      partial: queryHolders[1]!.dir,
      detail: `the query tier is recorded by ${queryHolders.map((h) => h.dir).join(", ")}`,
    });
  if (queryHolders.length === 1 && queryHolders[0] !== runHolders[0])
    problems.push({
      code: "RESULT_EXTRA",
      partial: queryHolders[0]!.dir,
      detail: "the query tier belongs to shard 1, with the run checks",
    });
  return { problems, evidence: evidence.sort((a, b) => compareCodePoints(a.plugin_id, b.plugin_id)) };
}

/**
 * The merged bundle's shards.json, and the optional files it carries: a file travels only when every partial
 * holding it holds the same bytes; otherwise (per-shard telemetry, say) it stays attested by digest only.
 */
function provenance(accepted: readonly UsablePartial[]): Map<string, Buffer> {
  const copies = new Map<string, Buffer[]>();
  for (const p of accepted)
    for (const [name, bytes] of p.contents.extras) copies.set(name, [...(copies.get(name) ?? []), bytes]);
  const names = [...copies.keys()].sort(compareCodePoints);
  const carried = names.filter((name) => copies.get(name)!.every((bytes) => bytes.equals(copies.get(name)![0]!)));
  const record: ShardProvenance = {
    schema_version: 1,
    count: accepted[0]!.shard!.count,
    shards: [...accepted]
      .sort((a, b) => a.shard!.index - b.shard!.index)
      .map((p) => ({
        index: p.shard!.index,
        statement_sha256: p.contents.statementSha256,
        keyids: [...p.contents.keyids].sort(compareCodePoints),
        run: p.contents.run,
        optional_files: Object.fromEntries([...p.contents.extras].map(([name, bytes]) => [name, sha256Hex(bytes)])),
      })),
    carried,
    not_carried: names.filter((name) => !carried.includes(name)),
  };
  const extras = new Map(carried.map((name) => [name, copies.get(name)![0]!]));
  extras.set(SHARDS_FILE, Buffer.from(stableJson(record), "utf8"));
  return extras;
}
