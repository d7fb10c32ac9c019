import type { StrengthMutant } from "../../../contracts/probe-strength.ts";
import type { Verdict } from "../../../contracts/verdict.ts";

/** Failures that say nothing about the mutant's behaviour: the spec itself was not there to run. */
const NOT_THE_MUTANT: ReadonlySet<string> = new Set(["SPEC_MISSING", "SPEC_INVALID"]);

/**
 * Infrastructure verdicts that, on a mutant whose unmutated baseline passed on the same suite, only the mutation
 * can have caused: the probe runner's inproc load now refuses the plugin (the platform's own load-report, which
 * loads lazily, still lists it), or a step now hangs. Mutation testing counts such a mutant as killed (a hang is
 * Stryker's "Timeout", counted as detected); the qualification would not have passed it either.
 */
const MUTANT_CAUSED: ReadonlySet<string> = new Set(["PROBE_LOAD_DIVERGED", "PROBE_TIMEOUT"]);

/**
 * caught: the spec (or the load) failed on the mutant, or ended in an infra verdict only the mutation can cause;
 * survived: it passed; error: the suite could not decide — any other infra_error, or a spec that could not be
 * found or read (a catch only counts when the spec ran).
 */
export function outcomeOf(
  loaded: Verdict,
  capability: Verdict,
  functional: Verdict,
): { outcome: StrengthMutant["outcome"]; verdict: StrengthMutant["verdict"] } {
  // A mutant the checks before the spec already refuse (it no longer loads, or no longer exposes what it
  // declares) is caught by the qualification, whatever the spec would say.
  const decisive =
    loaded.status !== "pass"
      ? { check: "loaded", v: loaded }
      : capability.status === "fail"
        ? { check: "capability_present", v: capability }
        : { check: "functional", v: functional };
  const ran = !NOT_THE_MUTANT.has(decisive.v.reason ?? "");
  const refused =
    decisive.v.status === "fail" || (decisive.v.status === "infra_error" && MUTANT_CAUSED.has(decisive.v.reason ?? ""));
  const outcome = refused && ran ? "caught" : decisive.v.status === "pass" ? "survived" : "error";
  return {
    outcome,
    verdict: {
      check: decisive.check,
      status: decisive.v.status,
      reason: decisive.v.reason,
      detail: decisive.v.detail.split("\n", 1)[0] ?? "",
    },
  };
}
