import { describe, expect, test } from "vitest";
import { sampleFinalReport } from "../setup/testing/sample-final-report.ts";
import { renderJunitXml } from "./render-junit-xml.ts";

describe("renderJunitXml", () => {
  test("snapshot: a suite for run checks, one per plugin; failure / error / skipped by status", async () => {
    await expect(renderJunitXml(sampleFinalReport())).toMatchFileSnapshot("./__snapshots__/sample-junit.xml");
  });

  test("status mapping and counts", () => {
    const xml = renderJunitXml(sampleFinalReport());
    expect(xml).toContain(
      '<testsuites name="plugin qualification" tests="36" failures="11" errors="2" skipped="7" time="0">',
    );
    // The query tier's input check is a testcase too.
    expect(xml).toContain('<testsuite name="query" tests="5" failures="1" errors="1" skipped="1" time="0">');
    expect(xml).toContain('<testcase classname="query" name="query › expected_answers" time="0"/>');
    expect(xml).toMatch(
      /<testcase classname="query" name="query › non_service_strict › locked_db" time="0">\n {6}<error type="db_io"/,
    );
    expect(xml).toMatch(
      /<testcase classname="query" name="query › service_backed_strict › popup_vendor" time="0">\n {6}<skipped message="dependency_skipped \(service_7411, service_8000\): /,
    );
    expect(xml).toContain('<testsuite name="builtin.beta" tests="6" failures="3" errors="1" skipped="0" time="0">');
    expect(xml).toMatch(
      /<testcase classname="builtin.beta" name="builtin.beta › functional" time="0">\n {6}<error type="DEPENDENCY_DOWN"/,
    );
    // A testcase names the file its verdict rests on, as CI test reports link it.
    expect(xml).toMatch(
      /<testcase classname="builtin.beta" name="builtin.beta › hash_ok" file="config\/plugin_locks.json" time="0">\n {6}<failure type="ARTIFACT_HASH_MISMATCH"/,
    );
    expect(xml.match(/<skipped message="DEPRECATED_REMOVED: /g)).toHaveLength(6);
  });

  test("escapes markup and drops characters XML 1.0 cannot carry", () => {
    const final = sampleFinalReport();
    const beta = final.plugins.find((p) => p.plugin_id === "builtin.beta")!;
    beta.checks.hash_ok = { ...beta.checks.hash_ok, detail: "bad \u0001 </failure> ]]> & \ud800 end" };
    const xml = renderJunitXml(final);
    expect(xml).toContain('message="ARTIFACT_HASH_MISMATCH: bad \uFFFD &lt;/failure&gt; ]]&gt; &amp; \uFFFD end"');
    expect(xml).not.toContain("\u0001");
  });

  test("deterministic: no timestamps, no host names, every time is 0", () => {
    const xml = renderJunitXml(sampleFinalReport());
    expect(xml).not.toMatch(/timestamp=|hostname=|host-a|run-1|2025-/);
    expect([...xml.matchAll(/time="([^"]*)"/g)].every((m) => m[1] === "0")).toBe(true);
  });

  test("with the times Vitest measured (GITHUB_ACTIONS or QUALIFY_JUNIT_TIMES=1), each testcase carries its own, in seconds", () => {
    const times = new Map([
      ["builtin.beta › hash_ok", 1234],
      ["query › expected_answers", 5],
    ]);
    const xml = renderJunitXml(sampleFinalReport(), { times });
    expect(xml).toContain('name="builtin.beta › hash_ok" file="config/plugin_locks.json" time="1.234">');
    expect(xml).toContain('name="query › expected_answers" time="0.005"/>');
    // The next render without times is deterministic again.
    expect([...renderJunitXml(sampleFinalReport()).matchAll(/time="([^"]*)"/g)].every((m) => m[1] === "0")).toBe(true);
  });
});
