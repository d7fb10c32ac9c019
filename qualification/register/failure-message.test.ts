import { describe, expect, test } from "vitest";
import type { Verdict } from "../../contracts/verdict.ts";
import { QualificationFailure, renderFailure } from "./failure-message.ts";

const REPLAY = 'QUALIFY_TARGET=/t pnpm test:qualify -t "builtin.x"';

describe("renderFailure: what the failure view shows", () => {
  test("reason, platform words, location, command, fix and replay, in that order; expected/actual go to the diff view", () => {
    const verdict: Verdict = {
      status: "fail",
      reason: "PROBE_FAILED",
      detail: "step add (fixture.answer.add, spec): result differs",
      platform_error: "ValueError: bad",
      locations: [{ file: "probes/builtin.x.json", pointer: "/steps/0" }],
      command: "cd /t && python3 probe_runner.py --plugin builtin.x <<< '{}'",
      expected: { sum: 4 },
      actual: { sum: 5 },
      remediation: {
        code: "FIX_PLUGIN_CODE",
        summary: "fix builtin.x",
        command: 'pnpm test:qualify --watch -t "builtin.x"',
      },
    };
    const rendered = renderFailure("builtin.x › functional", verdict, REPLAY);
    expect(rendered.message.split("\n")).toEqual([
      "builtin.x › functional: [fail] PROBE_FAILED step add (fixture.answer.add, spec): result differs",
      "platform said: ValueError: bad",
      "at: probes/builtin.x.json#/steps/0",
      "command: cd /t && python3 probe_runner.py --plugin builtin.x <<< '{}'",
      "fix: FIX_PLUGIN_CODE — fix builtin.x",
      '  pnpm test:qualify --watch -t "builtin.x"',
      `replay: ${REPLAY}`,
    ]);
    expect(rendered.expected).toBe('{\n  "sum": 4\n}');
    expect(rendered.actual).toBe('{\n  "sum": 5\n}');
    const error = new QualificationFailure(rendered);
    expect(error).toMatchObject({
      name: "QualificationFailure",
      showDiff: true,
      expected: rendered.expected,
      actual: rendered.actual,
    });
  });

  test("a verdict whose command is the replay line itself shows it once; no expected/actual means no diff view", () => {
    const verdict: Verdict = { status: "fail", reason: "SPEC_MISSING", detail: "no probe spec", command: REPLAY };
    const rendered = renderFailure("builtin.x › functional", verdict, REPLAY);
    expect(rendered.message).toBe(`builtin.x › functional: [fail] SPEC_MISSING no probe spec\nreplay: ${REPLAY}`);
    expect(new QualificationFailure(rendered).showDiff).toBe(false);
  });
});
