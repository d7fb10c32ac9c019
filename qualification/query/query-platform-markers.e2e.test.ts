import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import type { ExpectedAnswerCase } from "../../contracts/expected-answers.ts";
import { copyExample, EXAMPLE_PLATFORM, tempDir } from "../../setup/testing/example-copy.ts";
import { exampleCase } from "./testing/expected-subset.ts";
import { servicesDownRun } from "./testing/services-down-run.ts";

/**
 * The platform's own "not an answer" markers (run-ID prefixes, errors, the evaluation tool's rewrite), produced for
 * real by the example platform (pristine or a mutated copy) and classified by the harness: none of them is ever an
 * answer, whatever `ok` and `answer.state` say.
 */
const queryRun = (target: string, cases: readonly ExpectedAnswerCase[], extra: Record<string, string> = {}) =>
  servicesDownRun(target, cases, 1, extra);

/**
 * The evaluation tool's rewrite of a timeout (`tools/run_advanced10_queries.py` `_contractize_query_failure`), printed
 * by a copy of the example's `query` command.
 */
const REWRITTEN = {
  ok: true,
  error: "query_timeout:90s",
  query: "rewritten",
  answer: {
    state: "no_evidence",
    claims: [],
    errors: [],
    display: { summary: "Not available yet (query_timeout).", bullets: [], fields: {} },
    summary: "Not available yet (query_timeout).",
  },
  processing: {
    extraction: { blocked_reason: "query_timeout" },
    query_trace: {
      method: "metadata_only_degraded",
      query_run_id: "qry_degraded_0123456789abcdef",
      stage_ms: { total: 90000 },
    },
  },
};

describe("platform markers through the query path", () => {
  test("a timeout rewritten as a no_evidence answer is query_timeout, even where no_evidence is the expected answer", async () => {
    const { root } = copyExample();
    const cli = join(root, "autocapture_nx/cli.py");
    const source = readFileSync(cli, "utf8");
    const hook = "def cmd_query(args: argparse.Namespace) -> int:\n";
    expect(source).toContain(hook);
    writeFileSync(
      cli,
      source.replace(
        hook,
        `${hook}    if args.text == "rewritten":\n        _print_json(json.loads(${JSON.stringify(JSON.stringify(REWRITTEN))}))\n        return 0\n`,
      ),
    );
    const weather = exampleCase("weather_not_in_corpus");
    const run = await queryRun(root, [{ ...weather, case_id: "rewritten_timeout", query: "rewritten" }, weather]);
    const [rewritten, legit] = [
      run.cases.find((c) => c.case_id === "rewritten_timeout")!,
      run.cases.find((c) => c.case_id === weather.case_id)!,
    ];
    expect(rewritten.verdict).toMatchObject({ class: "infra_error", reason: "query_timeout" });
    expect(rewritten.attempts[0]).toMatchObject({
      outcome: "result",
      answer: null,
      signature: null,
      markers: { ok: true, answer_state: "no_evidence", run_id_prefix: "qry_degraded_" },
    });
    // The platform's real "not available yet" answer stays an answer, and passes.
    expect(legit.verdict.class).toBe("pass");
  });

  test("a missing query capability is capability_missing, naming it", async () => {
    const { root } = copyExample();
    const file = join(root, "config/default.json");
    const config = JSON.parse(readFileSync(file, "utf8")) as { plugins: { allowlist: string[] } };
    config.plugins.allowlist = config.plugins.allowlist.filter((id) => id !== "builtin.answer.basic");
    writeFileSync(file, JSON.stringify(config, null, 2));
    const run = await queryRun(root, [exampleCase("invoice_due_date")]);
    expect(run.cases[0]!.verdict).toMatchObject({
      class: "infra_error",
      reason: "capability_missing",
      attribution: "plugin",
    });
    expect(run.cases[0]!.attempts[0]!.markers).toMatchObject({
      run_id_prefix: "qry_cap_missing_",
      missing_capabilities: ["answer.builder"],
    });
  });

  test("a config the platform rejects before it boots is environment_error (not a plugin), with the platform's error", async () => {
    const configDir = tempDir("bad-config");
    writeFileSync(join(configDir, "user.json"), JSON.stringify({ plugins: { hosting: { mode: 42 } } }));
    const run = await queryRun(EXAMPLE_PLATFORM, [exampleCase("invoice_due_date")], {
      AUTOCAPTURE_CONFIG_DIR: configDir,
    });
    expect(run.cases[0]!.verdict).toMatchObject({
      class: "infra_error",
      reason: "environment_error",
      attribution: "environment",
    });
    expect(run.cases[0]!.attempts[0]).toMatchObject({
      outcome: "invalid_output",
      detail: expect.stringContaining("ERROR: $.plugins.hosting.mode: expected string, got int"),
    });
  });

  test("a boot that raises inside the plugin stack is boot_failed, attributed to the plugins, with the platform's error", async () => {
    const { root } = copyExample();
    const file = join(root, "config/default.json");
    const config = JSON.parse(readFileSync(file, "utf8")) as { plugins: { allowlist: string[] } };
    config.plugins.allowlist = config.plugins.allowlist.filter((id) => id !== "builtin.journal.basic");
    writeFileSync(file, JSON.stringify(config, null, 2));
    const run = await queryRun(root, [exampleCase("invoice_due_date")]);
    expect(run.cases[0]!.verdict).toMatchObject({ class: "infra_error", reason: "boot_failed", attribution: "plugin" });
    expect(run.cases[0]!.attempts[0]!.detail).toContain("ERROR: Missing capability: journal.writer");
  });

  test("a query the harness has to kill at its timeout is query_timeout, never an answer", async () => {
    const run = await queryRun(EXAMPLE_PLATFORM, [exampleCase("invoice_due_date")], { QUALIFY_QUERY_TIMEOUT_MS: "50" });
    expect(run.cases[0]!.verdict).toMatchObject({
      class: "infra_error",
      reason: "query_timeout",
      attribution: "plugin",
    });
    expect(run.cases[0]!.attempts[0]).toMatchObject({ outcome: "timeout", answer: null });
  });
});
