import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import type { QueryRun } from "../../contracts/query-run.ts";
import { deadLocalUrl } from "../../fixtures/services/listen.ts";
import { startExampleServices, type ExampleServices } from "../../fixtures/services/start-example-services.ts";
import { EXAMPLE_PLATFORM, optionsFor } from "../../setup/testing/example-copy.ts";
import { stableJson } from "../shared/canonical/canonical-json.ts";
import { loadExpectedAnswers } from "./expected/load-expected-answers.ts";
import { probeQueryServices, runQueryCases } from "./run-query-cases.ts";
import { exampleCase, writeExpected } from "./testing/expected-subset.ts";

/**
 * The query harness against the example platform and its real fixture services (one pair for the whole file,
 * modes flipped between runs): every service mode, and every defect a service can show, classified.
 */
let services: ExampleServices;
let scratch: string;
let expectedFile: string;
let dead: string;

const CLI_CASE = "invoice_due_date";
const POPUP_CASE = "popup_invoice_vendor";

beforeAll(async () => {
  services = await startExampleServices({ delayMs: 4000 });
  scratch = mkdtempSync(join(tmpdir(), "query-services-"));
  expectedFile = writeExpected(scratch, [exampleCase(CLI_CASE), exampleCase(POPUP_CASE)]);
  dead = await deadLocalUrl();
}, 60_000);
afterAll(async () => {
  await services?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});
afterEach(() => {
  const popup = services.state.popup!;
  popup.mode = "normal";
  popup.queryTimeoutMs = 60_000;
  popup.vlm.url = services.urls.service_8000;
});

function options(env: Record<string, string> = {}) {
  return optionsFor(EXAMPLE_PLATFORM, {
    QUALIFY_EXPECTED: expectedFile,
    QUALIFY_QUERY_REPEAT: "2",
    ...services.env,
    ...env,
  });
}

async function run(env: Record<string, string> = {}, afterProbe?: () => void): Promise<QueryRun> {
  const opts = options(env);
  const probed = await probeQueryServices(opts);
  afterProbe?.();
  return (await runQueryCases(opts, loadExpectedAnswers(opts.expectedFile, null, null), { services: probed })).run;
}

const verdictOf = (r: QueryRun, id: string) => r.cases.find((c) => c.case_id === id)!.verdict;

describe("service modes, recorded before any case is judged", () => {
  test("both up: both cases pass, the service-backed one through the popup; the run is byte-identical when repeated", async () => {
    const first = await run();
    expect(first.services.mode).toBe("service_up");
    expect(first.services.services.map((s) => s.steps.map((step) => step.step))).toEqual([
      ["health", "token", "popup"],
      ["health", "models", "chat_ping"],
    ]);
    expect(first.cases.map((c) => [c.case_id, c.route, c.verdict.class])).toEqual([
      [CLI_CASE, "cli", "pass"],
      [POPUP_CASE, "popup", "pass"],
    ]);
    expect(first.cases[1]!.attempts[0]!.answer?.summary).toMatch(/^Answer: Invoice 4711 from Contoso Ltd/);
    expect(stableJson(await run())).toBe(stableJson(first));
  });

  test("both down: service_down; the non-service case still passes, the service-backed one is skipped naming both", async () => {
    const r = await run({ QUALIFY_SERVICE_7411_URL: dead, QUALIFY_SERVICE_8000_URL: dead });
    expect(r.services.mode).toBe("service_down");
    expect(verdictOf(r, CLI_CASE).class).toBe("pass");
    expect(verdictOf(r, POPUP_CASE)).toMatchObject({
      class: "dependency_skipped",
      dependencies: ["service_7411", "service_8000"],
      attribution: "dependency",
    });
    expect(r.cases.find((c) => c.case_id === POPUP_CASE)!.attempts).toEqual([]);
  });

  test("only one up: 7411 down → only_7411_down; 8000 down → only_8000_down; the skip names the one that is down", async () => {
    const no7411 = await run({ QUALIFY_SERVICE_7411_URL: dead });
    expect(no7411.services.mode).toBe("only_7411_down");
    expect(verdictOf(no7411, POPUP_CASE)).toMatchObject({
      class: "dependency_skipped",
      dependencies: ["service_7411"],
    });
    const no8000 = await run({ QUALIFY_SERVICE_8000_URL: dead });
    expect(no8000.services.mode).toBe("only_8000_down");
    expect(verdictOf(no8000, POPUP_CASE)).toMatchObject({
      class: "dependency_skipped",
      dependencies: ["service_8000"],
    });
  });

  test("a popup whose upstream VLM is unreachable fails its preflight (autocapture_upstream_unreachable blocks it)", async () => {
    services.state.popup!.vlm.url = dead;
    const r = await run();
    expect(r.services.services[0]).toMatchObject({
      service: "service_7411",
      up: false,
      error: "popup_blocked:autocapture_upstream_unreachable",
    });
    expect(r.services.mode).toBe("only_7411_down");
  });
});

describe("defects after a healthy preflight, each classified", () => {
  test("slow: the harness's own timeout is query_timeout on the popup, never an answer", async () => {
    const r = await run({ QUALIFY_QUERY_TIMEOUT_MS: "2500" }, () => (services.state.popup!.mode = "slow"));
    expect(verdictOf(r, POPUP_CASE)).toMatchObject({
      class: "infra_error",
      reason: "query_timeout",
      attribution: "dependency",
      dependencies: ["service_7411"],
    });
    expect(r.cases.find((c) => c.case_id === POPUP_CASE)!.attempts[0]).toMatchObject({
      outcome: "timeout",
      answer: null,
    });
    expect(verdictOf(r, CLI_CASE).class).toBe("pass");
  });

  test("the popup's own timeout marker (qry_popup_timeout_) is query_timeout too", async () => {
    const r = await run({}, () => (services.state.popup!.queryTimeoutMs = 1));
    expect(verdictOf(r, POPUP_CASE)).toMatchObject({ class: "infra_error", reason: "query_timeout" });
    expect(r.cases.find((c) => c.case_id === POPUP_CASE)!.attempts[0]!.markers).toMatchObject({
      run_id_prefix: "qry_popup_timeout_",
      error: "popup_query_timeout",
    });
  });

  test("the upstream VLM going away mid-run is dependency_down naming service_8000", async () => {
    const r = await run({}, () => (services.state.popup!.vlm.url = dead));
    expect(verdictOf(r, POPUP_CASE)).toMatchObject({
      class: "infra_error",
      reason: "dependency_down",
      dependencies: ["service_8000"],
    });
  });

  test.each([
    ["wrong-answer", "fail", "answer_wrong"],
    ["fabricated-citation", "fail", "citation_invalid"],
    ["altered-citation", "fail", "citation_invalid"],
    ["nondeterministic", "fail", "nondeterministic"],
  ] as const)("%s → %s %s", async (mode, cls, reason) => {
    const r = await run({}, () => (services.state.popup!.mode = mode));
    expect(verdictOf(r, POPUP_CASE)).toMatchObject({ class: cls, reason, attribution: "plugin" });
    if (reason === "citation_invalid")
      expect(r.cases.find((c) => c.case_id === POPUP_CASE)!.citations.some((c) => c.problems.length > 0)).toBe(true);
  });
});
