import type { Verdict } from "../../../../contracts/verdict.ts";
import { fail, infraError, pass } from "../verdicts.ts";
import type { RunCheckInput } from "./run-check-input.ts";

/** The platform's whole-platform commands ran and printed what they should; a load that raised is a failure. */
export function judgePlatformCli({ run }: RunCheckInput): Verdict {
  const { plugins_list: list, load_report: load } = run.commands;
  const cliFault = list.fault ?? (run.load_report ? null : load.fault);
  const culprits =
    run.load_culprits && run.load_culprits.length > 0
      ? `; the suite's own load of the platform finished only without ${run.load_culprits.join(", ")} (see ${run.load_culprits.length > 1 ? "their" : "its"} loaded check), the likely reason this one did not`
      : "";
  if (cliFault) {
    return infraError(cliFault.code, `${cliFault.detail}${cliFault === load.fault ? culprits : ""}`, {
      command: list.fault ? list.command : load.command,
    });
  }
  if (run.load_report && !run.load_report.ok)
    return fail("PLATFORM_LOAD_ABORTED", "plugins load-report: the platform's whole load raised", {
      platform_error: run.load_report.error ?? "",
      command: load.command,
    });
  return pass("plugins list and plugins load-report ran and printed the reference's JSON");
}
