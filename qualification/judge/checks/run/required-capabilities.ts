import type { Verdict } from "../../../../contracts/verdict.ts";
import { fail, infraError, pass } from "../verdicts.ts";
import type { RunCheckInput } from "./run-check-input.ts";

/** Every capability the kernel requires has a loaded provider, or is one the platform supplies itself. */
export function judgeRequiredCapabilities({ run }: RunCheckInput): Verdict {
  if (!run.load_report) return infraError("CLI_FAILED", "no load-report, so the loaded providers are unknown");
  const supplied = new Set([...run.platform.provided_capabilities, ...run.load_report.capabilities]);
  const missing = run.config.required_capabilities.filter((cap) => !supplied.has(cap)).sort();
  if (missing.length === 0)
    return pass(
      `every kernel.required_capabilities entry has a loaded provider (kernel/registry-provided names excepted)`,
    );
  const could = (cap: string): string =>
    (run.manifests.required_capability_providers[cap] ?? []).join(", ") || "no manifest";
  return fail(
    "CAPABILITY_MISSING",
    `no loaded provider for: ${missing.map((cap) => `${cap} (could be provided by: ${could(cap)})`).join("; ")}`,
    { expected: missing, actual: null },
  );
}
