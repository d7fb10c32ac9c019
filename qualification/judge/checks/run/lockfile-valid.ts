import type { Verdict } from "../../../../contracts/verdict.ts";
import { fail, pass } from "../verdicts.ts";
import { located, type RunCheckInput } from "./run-check-input.ts";

/** The lockfile exists, parses, and its signature (when checked) verifies. */
export function judgeLockfileValid({ run }: RunCheckInput): Verdict {
  const lf = run.lockfile;
  const sig = lf.signature;
  if (lf.fault)
    return fail(
      lf.fault.code === "LOCKFILE_MISSING" ? "LOCKFILE_MISSING" : "LOCKFILE_INVALID",
      lf.fault.detail,
      located(lf.fault),
    );
  if (sig.checked && sig.result !== "ok")
    return fail("LOCK_SIGNATURE_INVALID", `lock signature: ${sig.result}${sig.required ? " (required)" : ""}`, {
      platform_error: `PluginError: plugin_locks signature invalid: ${sig.result}`,
    });
  return pass(
    `${run.config.lockfile} parsed (${lf.format}); signature: ${sig.checked ? sig.result : "not present, not required"}`,
  );
}
