import { describe, expect, test } from "vitest";
import type { QueryAttempt } from "../../../../../contracts/query-run.ts";
import { bootCause } from "./boot-cause.ts";

const failed = (detail: string, outcome: QueryAttempt["outcome"] = "invalid_output"): QueryAttempt => ({
  outcome,
  detail,
  markers: null,
  finding: null,
  answer: null,
  signature: null,
});
const CLI = "CLI_FAILED: cd /t && python3 -m autocapture_nx query 'q' exited 1:";

/** The platform's own words for a query that never started, and whose fault each is. */
describe("bootCause", () => {
  test.each([
    [
      `${CLI} ERROR: Plugin host request timed out after 10.00s (plugin=builtin.anchor.basic)`,
      "hosting_timeout",
      "hosting",
    ],
    [`${CLI} ERROR: PluginError: capability call timed out after 2.00s`, "hosting_timeout", "hosting"],
    [`${CLI} ERROR: instance_lock_held`, "environment_error", "environment"],
    [
      "ENVIRONMENT_ERROR: the platform's Python environment is incomplete (ModuleNotFoundError: No module named 'jsonschema')",
      "environment_error",
      "environment",
    ],
    [`${CLI} ERROR: $.plugins.locks: unexpected field signature`, "environment_error", "environment"],
    [`${CLI} ERROR: Missing capability: journal.writer, ledger.writer, anchor.writer.`, "boot_failed", "plugin"],
  ])("%s → %s (%s)", (detail, reason, attribution) => {
    expect(bootCause(failed(detail))).toMatchObject({ reason, attribution });
  });

  test("an exit without the platform's own words: how it ended, never the command that carries the question", () => {
    expect(bootCause(failed(`${CLI} `))).toMatchObject({
      reason: "boot_failed",
      marker: "the platform's query exited 1 before answering, with nothing on stderr",
    });
  });

  test("an interpreter that could not start is the environment's fault", () => {
    expect(bootCause(failed("could not start python3: ENOENT", "transport_error"))).toMatchObject({
      reason: "environment_error",
      attribution: "environment",
    });
  });

  test("a result or a timeout is no boot cause: a slow query is that query's own outcome", () => {
    expect(bootCause(failed("x", "timeout"))).toBeNull();
    expect(bootCause({ outcome: "result", detail: "ok" })).toBeNull();
  });
});
