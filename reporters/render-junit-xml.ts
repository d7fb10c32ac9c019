import type { FinalReport } from "../contracts/final-report.ts";
import type { FinalQueryCase } from "../contracts/query-run.ts";
import { CHECK_IDS } from "../contracts/reason-codes.ts";
import type { Verdict } from "../contracts/verdict.ts";
import { renderFailure } from "../qualification/register/failure-message.ts";
import { testName } from "../qualification/session/plan.ts";

export const JUNIT_FILE = "junit.xml";

// XML 1.0 forbids most control characters and lone surrogates even when escaped.
const INVALID_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const text = (s: string): string =>
  s.replace(INVALID_XML, "\uFFFD").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const attr = (s: string): string =>
  text(s).replace(/"/g, "&quot;").replace(/\n/g, "&#10;").replace(/\r/g, "&#13;").replace(/\t/g, "&#9;");

interface Case {
  readonly classname: string;
  readonly name: string;
  readonly verdict: Verdict;
  readonly replay: string;
}

/**
 * How a junit.xml is rendered. By default it is deterministic (every `time` is "0"), like every output but the
 * run section; given `times` (test name → ms, what Vitest measured; the reporter passes them when
 * GITHUB_ACTIONS or QUALIFY_JUNIT_TIMES=1 is set), each testcase carries its real time for CI test reports.
 */
export interface JunitOptions {
  readonly times?: ReadonlyMap<string, number>;
}

type TimeOf = (name: string) => string;
const timesOf =
  (options: JunitOptions): TimeOf =>
  (name) => {
    const ms = options.times?.get(name);
    return ms === undefined ? "0" : (ms / 1000).toFixed(3);
  };
/** The file a testcase is about: its verdict's first location (relative to the target), as test reporters link it. */
const fileAttr = (verdict: Verdict): string =>
  verdict.locations?.[0] ? ` file="${attr(verdict.locations[0].file)}"` : "";

function testcase(c: Case, timeOf: TimeOf): string[] {
  const open = `    <testcase classname="${attr(c.classname)}" name="${attr(c.name)}"${fileAttr(c.verdict)} time="${timeOf(c.name)}"`;
  const v = c.verdict;
  const type = v.reason ?? v.status;
  const message = `${type}: ${v.detail.split(/\r?\n/, 1)[0] ?? ""}`;
  switch (v.status) {
    case "pass":
      return [`${open}/>`];
    case "not_applicable":
      return [`${open}>`, `      <skipped message="${attr(message)}"/>`, "    </testcase>"];
    case "fail":
    case "infra_error": {
      // infra_error means the suite could not decide: JUnit's <error>, not a plugin <failure>.
      const tag = v.status === "fail" ? "failure" : "error";
      const body = renderFailure(c.name, v, c.replay).message;
      return [
        `${open}>`,
        `      <${tag} type="${attr(type)}" message="${attr(message)}">${text(body)}</${tag}>`,
        "    </testcase>",
      ];
    }
  }
}

/** A query case: pass, failure (fail), error (infra_error: not a verdict) or skipped (a service is down). */
function queryTestcase(c: FinalQueryCase, replay: string, timeOf: TimeOf): string[] {
  const name = `query › ${c.tier} › ${c.case_id}`;
  const open = `    <testcase classname="query" name="${attr(name)}" time="${timeOf(name)}"`;
  const type = c.reason ?? c.class;
  const message = `${type}: ${c.detail.split(/\r?\n/, 1)[0] ?? ""}`;
  if (c.class === "pass") return [`${open}/>`];
  if (c.class === "dependency_skipped")
    return [
      `${open}>`,
      `      <skipped message="${attr(`dependency_skipped (${c.dependencies.join(", ")}): ${c.detail}`)}"/>`,
      "    </testcase>",
    ];
  const tag = c.class === "fail" ? "failure" : "error";
  const body = [
    `${name}: [${c.class}] ${c.reason ?? ""} ${c.detail}`,
    c.attribution ? `attributed to: ${c.attribution}` : "",
    `replay: ${replay}`,
  ]
    .filter((l) => l !== "")
    .join("\n");
  return [
    `${open}>`,
    `      <${tag} type="${attr(type)}" message="${attr(message)}">${text(body)}</${tag}>`,
    "    </testcase>",
  ];
}

function suite(
  name: string,
  cases: readonly Case[],
  timeOf: TimeOf,
  properties: ReadonlyArray<[string, string]> = [],
): string[] {
  const count = (status: Verdict["status"]) => cases.filter((c) => c.verdict.status === status).length;
  const head = `  <testsuite name="${attr(name)}" tests="${cases.length}" failures="${count("fail")}" errors="${count("infra_error")}" skipped="${count("not_applicable")}" time="0">`;
  const props =
    properties.length === 0
      ? []
      : [
          "    <properties>",
          ...properties.map(([k, v]) => `      <property name="${attr(k)}" value="${attr(v)}"/>`),
          "    </properties>",
        ];
  return [head, ...props, ...cases.flatMap((c) => testcase(c, timeOf)), "  </testsuite>"];
}

/**
 * Pure: final.json → junit.xml. One testsuite for the run checks, then one per plugin (sorted), one testcase per
 * check, then the query tier (its input check and every case). Deterministic unless given times; no timestamps
 * or host names ever.
 */
export function renderJunitXml(final: FinalReport, options: JunitOptions = {}): string {
  return render(final, timesOf(options));
}

/** `query › expected_answers`: the query tier's input, usable or not (a failure names the file and problems). */
function expectedAnswersCase(final: FinalReport, timeOf: TimeOf): { lines: string[]; failed: boolean } {
  const name = "query › expected_answers";
  const open = `    <testcase classname="query" name="${attr(name)}"${final.queries?.fault?.file ? ` file="${attr(final.queries.fault.file)}"` : ""} time="${timeOf(name)}"`;
  const fault = final.queries?.fault;
  if (!fault) return { lines: [`${open}/>`], failed: false };
  const body = [fault.detail, ...fault.issues.map((i) => `${i.pointer}: ${i.message}`)].join("\n");
  return {
    lines: [
      `${open}>`,
      `      <failure type="${attr(fault.code)}" message="${attr(`${fault.code}: ${fault.detail.split(/\r?\n/, 1)[0] ?? ""}`)}">${text(body)}</failure>`,
      "    </testcase>",
    ],
    failed: true,
  };
}

function render(final: FinalReport, timeOf: TimeOf): string {
  const replay = (filter: string) => `QUALIFY_TARGET=${final.target.root} pnpm test:qualify -t "${filter}"`;
  const runCases = Object.keys(final.run_checks)
    .sort()
    .map((check) => ({
      classname: "run",
      name: testName("run", check),
      verdict: final.run_checks[check]!,
      replay: replay(testName("run", check)),
    }));
  const suites = [
    suite("run", runCases, timeOf, [
      ["target", final.target.root],
      ["commit", final.target.commit ?? ""],
      ["platform", `${final.platform.adapter} (kernel API ${final.platform.kernel_api_version ?? "unknown"})`],
      ["inventory_sha256", final.inventory_sha256],
      ["ok", String(final.ok)],
    ]),
    ...final.plugins.map((p) =>
      suite(
        p.plugin_id,
        CHECK_IDS.map((check) => ({
          classname: p.plugin_id,
          name: testName(p.plugin_id, check),
          verdict: p.checks[check],
          replay: replay(p.plugin_id),
        })),
        timeOf,
      ),
    ),
  ];
  const all = [...runCases.map((c) => c.verdict), ...final.plugins.flatMap((p) => CHECK_IDS.map((c) => p.checks[c]))];
  const queries = final.queries?.cases ?? [];
  const queryCount = (cls: FinalQueryCase["class"]) => queries.filter((c) => c.class === cls).length;
  const expected = final.queries ? expectedAnswersCase(final, timeOf) : null;
  const querySuite = final.queries
    ? [
        `  <testsuite name="query" tests="${queries.length + 1}" failures="${queryCount("fail") + (expected?.failed ? 1 : 0)}" errors="${queryCount("infra_error")}" skipped="${queryCount("dependency_skipped")}" time="0">`,
        ...expected!.lines,
        ...queries.flatMap((c) => queryTestcase(c, replay(`query › ${c.tier} › ${c.case_id}`), timeOf)),
        "  </testsuite>",
      ]
    : [];
  const count = (status: Verdict["status"]) => all.filter((v) => v.status === status).length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="plugin qualification" tests="${all.length + queries.length + (expected ? 1 : 0)}" failures="${count("fail") + queryCount("fail") + (expected?.failed ? 1 : 0)}" errors="${count("infra_error") + queryCount("infra_error")}" skipped="${count("not_applicable") + queryCount("dependency_skipped")}" time="0">`,
    ...suites.flat(),
    ...querySuite,
    "</testsuites>",
    "",
  ].join("\n");
}

/**
 * The junit.xml of a run that could not start (invalid options, a target that does not exist, `-t` matching
 * nothing): one `<error>` testcase saying why, so a CI step that publishes junit shows the cause.
 */
export function renderUsageErrorJunit(message: string): string {
  const first = message.split(/\r?\n/, 1)[0] ?? "";
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<testsuites name="plugin qualification" tests="1" failures="0" errors="1" skipped="0" time="0">',
    '  <testsuite name="run" tests="1" failures="0" errors="1" skipped="0" time="0">',
    '    <testcase classname="run" name="run › options" time="0">',
    `      <error type="USAGE" message="${attr(first)}">${text(message)}</error>`,
    "    </testcase>",
    "  </testsuite>",
    "</testsuites>",
    "",
  ].join("\n");
}
