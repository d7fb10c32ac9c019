import { describe, expect, test } from "vitest";
import { fail, infraError, pass } from "../../judge/checks/verdicts.ts";
import { outcomeOf } from "./mutant-outcome.ts";

const ok = pass("fine");

describe("a mutant's outcome", () => {
  test("a failing spec catches it; a passing one lets it survive", () => {
    expect(outcomeOf(ok, ok, fail("PROBE_FAILED", "step x: result differs")).outcome).toBe("caught");
    expect(outcomeOf(ok, ok, ok).outcome).toBe("survived");
  });

  test("the checks before the spec decide first: a mutant that no longer loads is caught by loaded", () => {
    const judged = outcomeOf(fail("PLUGIN_LOAD_FAILED", "boom"), ok, ok);
    expect(judged).toMatchObject({ outcome: "caught", verdict: { check: "loaded", reason: "PLUGIN_LOAD_FAILED" } });
  });

  test("a load divergence or a hang only the mutation can cause counts as caught, with its infra verdict shown", () => {
    for (const reason of ["PROBE_LOAD_DIVERGED", "PROBE_TIMEOUT"] as const) {
      const judged = outcomeOf(ok, ok, infraError(reason, "step x: …"));
      expect(judged).toMatchObject({
        outcome: "caught",
        verdict: { check: "functional", status: "infra_error", reason },
      });
    }
  });

  test("any other infra verdict, or a spec that never ran, decides nothing", () => {
    for (const verdict of [
      infraError("RUNNER_CRASHED", "runner"),
      infraError("HOSTING_TIMEOUT", "hosting"),
      fail("SPEC_MISSING", "no spec"),
      fail("SPEC_INVALID", "bad spec"),
    ])
      expect(outcomeOf(ok, ok, verdict).outcome).toBe("error");
  });
});
