import type { CheckId } from "../../../contracts/reason-codes.ts";
import type { Verdict } from "../../../contracts/verdict.ts";
import { fail, infraError } from "./verdicts.ts";

/**
 * What a check that depends on an earlier one says when that one did not pass: a failed upstream check is a
 * failure here too (UPSTREAM_CHECK_FAILED), but an upstream infra_error means nothing is known about this plugin,
 * so this check is infra_error as well (UPSTREAM_INFRA_ERROR) — never a plugin's failure by inheritance.
 * Null when the upstream check passed.
 */
export function upstreamVerdict(
  upstream: Verdict,
  name: CheckId,
  consequence: string,
  extra: Partial<Verdict> = {},
): Verdict | null {
  if (upstream.status === "pass") return null;
  const why = `${name} is ${upstream.status} (${upstream.reason})`;
  return upstream.status === "infra_error"
    ? infraError(
        "UPSTREAM_INFRA_ERROR",
        `${why}, so ${consequence}: an infrastructure outcome, not this plugin's verdict`,
        extra,
      )
    : fail("UPSTREAM_CHECK_FAILED", `${why}, so ${consequence}`, extra);
}
