import type { Fault } from "../../../../contracts/evidence.ts";
import type { Verdict } from "../../../../contracts/verdict.ts";
import { fail, pass } from "../verdicts.ts";
import { located, type RunCheckInput } from "./run-check-input.ts";

/** The effective config and the run's other inputs (required-plugin contracts, deprecation manifest) are usable. */
export function judgeConfigValid({ run }: RunCheckInput): Verdict {
  const faults = [run.config.fault, ...run.input_faults].filter((f): f is Fault => f !== null);
  if (faults.length === 0)
    return pass("effective config, required-plugin contracts and deprecation manifest are valid");
  return fail("CONFIG_INVALID", faults.map((f) => f.detail).join("\n"), located(faults[0]!));
}
