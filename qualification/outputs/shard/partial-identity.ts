import type { MergeCode, MergeProblem } from "../../../contracts/proof-bundle.ts";
import { canonicalJson } from "../../shared/canonical/canonical-json.ts";
import { diffJson } from "../../shared/json/json-pointer.ts";
import type { OpenedPartial, PartialContents } from "./open-partial.ts";

export type UsablePartial = OpenedPartial & { readonly contents: PartialContents };

/** What must be equal for partials to be shards of one qualification, each with the code naming a difference. */
const ASPECTS: ReadonlyArray<{
  readonly code: MergeCode;
  readonly what: string;
  readonly of: (c: PartialContents) => unknown;
}> = [
  { code: "FOREIGN_INVENTORY", what: "canonical inventory digest", of: (c) => c.statement.predicate.inventory_sha256 },
  { code: "FOREIGN_TARGET", what: "target root and commit", of: (c) => c.statement.predicate.target },
  { code: "FOREIGN_TOOL", what: "qualification tool version", of: (c) => c.documents.versions.tool_version },
  { code: "SHARD_COUNT_MISMATCH", what: "shard count", of: (c) => c.statement.predicate.shard?.count ?? null },
  {
    code: "RUN_EVIDENCE_MISMATCH",
    what: "run-level evidence (config, lockfile, contract files, platform CLI output)",
    of: (c) => {
      const { plugins: _plugins, ...run } = c.documents.evidence;
      return run;
    },
  },
];

const identity = (c: PartialContents): string => ASPECTS.map((a) => canonicalJson(a.of(c))).join("\u0000");

/**
 * Splits verified partials into the ones that belong to the same qualification and the foreign ones. The
 * reference is the identity most partials share (ties: the one holding the lowest shard index), so one stray
 * partial is named as the foreign one rather than everybody else.
 */
export function sameQualification(partials: readonly UsablePartial[]): {
  accepted: UsablePartial[];
  problems: MergeProblem[];
} {
  const groups = new Map<string, UsablePartial[]>();
  for (const p of partials) groups.set(identity(p.contents), [...(groups.get(identity(p.contents)) ?? []), p]);
  const lowest = (list: readonly UsablePartial[]) =>
    Math.min(...list.map((p) => p.shard?.index ?? Number.MAX_SAFE_INTEGER));
  const ranked = [...groups.values()].sort((a, b) => b.length - a.length || lowest(a) - lowest(b));
  const accepted = ranked[0] ?? [];
  const reference = accepted[0];
  const problems: MergeProblem[] = [];
  if (!reference) return { accepted, problems };
  for (const p of partials) {
    if (accepted.includes(p)) continue;
    for (const aspect of ASPECTS) {
      const differences = diffJson(aspect.of(p.contents), aspect.of(reference.contents));
      const first = differences[0];
      if (!first) continue;
      const more = differences.length > 1 ? ` (+${differences.length - 1} more difference(s))` : "";
      problems.push({
        code: aspect.code,
        partial: p.dir,
        detail: `${aspect.what} differs from ${reference.dir}'s at ${first.pointer || "/"}: ${brief(first.left)} vs ${brief(first.right)}${more}`,
      });
    }
  }
  return { accepted, problems };
}

function brief(value: unknown): string {
  const json = value === undefined ? "(absent)" : canonicalJson(value);
  return json.length > 160 ? `${json.slice(0, 157)}...` : json;
}
