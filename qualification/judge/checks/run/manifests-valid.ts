import type { Verdict } from "../../../../contracts/verdict.ts";
import { manifestReason } from "../manifest-fault.ts";
import { fail, pass } from "../verdicts.ts";
import type { RunCheckInput } from "./run-check-input.ts";

/** Every discovered manifest names one plugin, and no plugin is named by two manifests. */
export function judgeManifestsValid({ run }: RunCheckInput): Verdict {
  const { unattributed_faults: faults, duplicates } = run.manifests;
  const problems = [
    ...faults.map((f) => f.detail),
    ...duplicates.map((d) => `${d.plugin_id} is declared by several manifests: ${d.manifests.join(", ")}`),
  ];
  if (problems.length === 0) return pass("every discovered manifest names one distinct plugin_id");
  return fail(duplicates.length > 0 ? "DUPLICATE_PLUGIN_ID" : manifestReason(faults[0]), problems.join("\n"), {
    locations: faults.map((f) => ({ file: f.file ?? "", pointer: f.issues[0]?.pointer ?? null })),
  });
}
