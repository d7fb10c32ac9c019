import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { SUITE_ROOT } from "../qualification/shared/options/resolve-options.ts";
import { resolveCommand } from "../qualification/cli/main.ts";

interface Step {
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Record<string, unknown>;
  readonly env?: Record<string, unknown>;
}
interface Job {
  readonly needs?: string;
  readonly strategy?: { matrix?: { shard?: number[] } };
  readonly steps: Step[];
}

/** The README's example workflow, parsed as YAML and checked against what the suite really has. */
function readmeWorkflow(): { jobs: Record<string, Job> } {
  const readme = readFileSync(join(SUITE_ROOT, "README.md"), "utf8");
  const block = /<!-- workflow:begin -->\n```yaml\n([\s\S]*?)```\n<!-- workflow:end -->/.exec(readme);
  expect(block, "the README's workflow block").not.toBeNull();
  return parse(block![1]!) as { jobs: Record<string, Job> };
}

describe("the README's GitHub Actions workflow", () => {
  const workflow = readmeWorkflow();
  const scripts = Object.keys(
    (JSON.parse(readFileSync(join(SUITE_ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts,
  );

  test("matrix shards: each job qualifies shard i of n, with n the matrix size, and uploads that shard's partial bundle", () => {
    const job = workflow.jobs.qualify!;
    const shards = job.strategy?.matrix?.shard ?? [];
    expect(shards).toEqual(Array.from({ length: shards.length }, (_, i) => i + 1));
    const run = job.steps.map((s) => s.run ?? "").find((r) => r.includes("test:qualify"));
    expect(run).toContain(`--shard \${{ matrix.shard }}/${shards.length}`);
    const upload = job.steps.find((s) => s.uses?.startsWith("actions/upload-artifact"));
    expect(String(upload?.with?.path)).toContain(`proof-shard-\${{ matrix.shard }}-of-${shards.length}/`);
  });

  test("merge: after the shards, whatever they exit with; merges with the suite's command and publishes junit.xml", () => {
    const job = workflow.jobs.merge!;
    expect(job.needs).toBe("qualify");
    const merge = job.steps.map((s) => s.run ?? "").find((r) => r.includes(" qualify merge "));
    expect(merge).toMatch(/--out artifacts\/qualification/);
    const junit = job.steps.find((s) => s.uses?.startsWith("mikepenz/action-junit-report"));
    expect(junit?.with?.report_paths).toBe("artifacts/qualification/junit.xml");
  });

  test("every pnpm script and qualify command it runs exists", () => {
    const runs = Object.values(workflow.jobs)
      .flatMap((job) => job.steps.map((s) => s.run ?? ""))
      .filter((r) => r.includes("pnpm@"));
    for (const run of runs) {
      const [, script, rest] = /pnpm@[\d.]+ ([\w:-]+)\s*(.*)$/.exec(run) ?? [];
      if (script === "install") continue;
      expect(scripts, run).toContain(script);
      if (script === "qualify") expect(resolveCommand(rest!.split(/\s+/)), run).not.toBeNull();
    }
  });
});
