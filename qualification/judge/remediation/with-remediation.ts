import type { Verdict } from "../../../contracts/verdict.ts";
import { remediationFor, type RemediationContext } from "./remediation-for.ts";

/** Attaches the remediation to a failing verdict; passes and not-applicable cells are returned unchanged. */
export function withRemediation(verdict: Verdict, ctx: RemediationContext): Verdict {
  const remediation = remediationFor(verdict, ctx);
  return remediation ? { ...verdict, remediation } : verdict;
}
