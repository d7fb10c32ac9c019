import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { sampleFinalReport } from "../setup/testing/sample-final-report.ts";
import { tempDir } from "../setup/testing/example-copy.ts";
import { renderGithubAnnotations } from "./render-github-annotations.ts";

describe("GitHub annotations", () => {
  test("a located failure is an ::error on the target's file and the line its pointer names; the rest are grouped by reason", () => {
    const workspace = tempDir("gh-workspace");
    const root = join(workspace, "platform");
    mkdirSync(join(root, "config"), { recursive: true });
    writeFileSync(
      join(root, "config/plugin_locks.json"),
      JSON.stringify(
        { plugins: { "builtin.alpha": { artifact_sha256: "a" }, "builtin.beta": { artifact_sha256: "b" } } },
        null,
        2,
      ),
    );
    const sample = sampleFinalReport();
    const final = { ...sample, target: { ...sample.target, root } };
    const lines = renderGithubAnnotations(final, workspace);
    const located = lines.find((l) => l.includes("file=platform/config/plugin_locks.json"));
    expect(located).toMatch(
      /^::error file=platform\/config\/plugin_locks\.json,line=7,title=builtin\.beta › hash_ok%3A ARTIFACT_HASH_MISMATCH::ARTIFACT_HASH_MISMATCH: /,
    );
    // Nothing multi-line leaks out: every annotation is one line.
    for (const line of lines) expect(line).toMatch(/^::(error|warning) [^\n]*$/);
    // A verdict without a file is grouped with the others of its reason and status.
    expect(lines.some((l) => /^::error title=UNRESOLVED_ID%3A \d+ test\(s\)::/.test(l))).toBe(true);
    expect(lines.filter((l) => l.startsWith("::warning")).every((l) => !l.includes("::error"))).toBe(true);
  });

  test("a target outside the workspace keeps its absolute path", () => {
    const sample = sampleFinalReport();
    const lines = renderGithubAnnotations(sample, tempDir("elsewhere"));
    expect(lines.find((l) => l.includes("plugin_locks.json"))).toContain(
      "file=/targets/example/config/plugin_locks.json",
    );
  });
});
