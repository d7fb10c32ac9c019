import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { SAMPLE_INVENTORY } from "../../../setup/testing/sample-final-report.ts";
import { tempDir } from "../../../setup/testing/example-copy.ts";
import { testPublicKeyText, testSigner } from "../proof/testing/sample-bundle.ts";
import { SAMPLE_EVIDENCE } from "../proof/testing/sample-run.ts";
import { mergePartials } from "./merge-partials.ts";
import { mergedRunSection } from "./merged-run-section.ts";
import { openPartial, type OpenedPartial, type PartialContents } from "./open-partial.ts";
import { writeSamplePartials } from "./testing/sample-partials.ts";
import { writeMerged } from "./write-merged.ts";

const open = (count: number): OpenedPartial[] =>
  writeSamplePartials(tempDir("shards"), count).map((dir) =>
    openPartial(dir, { publicKeyText: testPublicKeyText(), allowUnsigned: false, cwd: "/" }),
  );

/** A dishonest or broken producer: partial contents edited after they verified, which merge must still catch. */
function edited(partial: OpenedPartial, edit: (c: PartialContents) => PartialContents): OpenedPartial {
  return { ...partial, contents: edit(partial.contents!) };
}
const verdictsOf = (c: PartialContents) => c.documents.verdicts;
const withVerdicts = (c: PartialContents, verdicts: PartialContents["documents"]["verdicts"]): PartialContents => ({
  ...c,
  documents: { ...c.documents, verdicts },
});
const codes = (partials: OpenedPartial[]) => mergePartials(partials).problems.map((p) => p.code);

describe("mergePartials: cell-level checks behind the shard-level ones", () => {
  test("honest partials merge", () => {
    const result = mergePartials(open(3));
    expect(result.problems).toEqual([]);
    expect(result.merged!.final.plugins.map((p) => p.plugin_id)).toEqual(
      SAMPLE_INVENTORY.plugins.map((p) => p.plugin_id).sort(),
    );
    expect(result.merged!.evidence.plugins.map((p) => p.plugin_id)).toEqual(["builtin.alpha", "builtin.beta"]);
  });

  test("a plugin's results dropped from its shard, or recorded by two shards, or outside its shard", () => {
    const [one, two] = open(2) as [OpenedPartial, OpenedPartial];
    const dropped = edited(two, (c) =>
      withVerdicts(c, {
        ...verdictsOf(c),
        plugins: verdictsOf(c).plugins.filter((p) => p.plugin_id !== "builtin.alpha"),
      }),
    );
    expect(codes([one, dropped])).toEqual(["RESULT_MISSING"]);
    const alpha = verdictsOf(two.contents!).plugins.find((p) => p.plugin_id === "builtin.alpha")!;
    const twice = edited(one, (c) => withVerdicts(c, { ...verdictsOf(c), plugins: [...verdictsOf(c).plugins, alpha] }));
    expect(codes([twice, two])).toEqual(["RESULT_DUPLICATE"]);
    const moved = edited(one, (c) => withVerdicts(c, { ...verdictsOf(c), plugins: [...verdictsOf(c).plugins, alpha] }));
    // Moved to shard 1, whose partial holds no evidence for it either.
    expect(codes([moved, dropped])).toEqual(["RESULT_EXTRA", "EVIDENCE_MISSING"]);
    const stranger = edited(one, (c) =>
      withVerdicts(c, {
        ...verdictsOf(c),
        plugins: [...verdictsOf(c).plugins, { ...alpha, plugin_id: "not.in.inventory" }],
      }),
    );
    expect(codes([stranger, two])).toEqual(["RESULT_EXTRA"]);
  });

  test("run checks recorded by no shard, or by two", () => {
    const [one, two] = open(2) as [OpenedPartial, OpenedPartial];
    const none = edited(one, (c) => withVerdicts(c, { ...verdictsOf(c), run_checks: {} }));
    expect(codes([none, two])).toEqual(["RESULT_MISSING"]);
    const again = edited(two, (c) =>
      withVerdicts(c, { ...verdictsOf(c), run_checks: verdictsOf(one.contents!).run_checks }),
    );
    expect(codes([one, again])).toEqual(["RESULT_DUPLICATE"]);
  });

  test("a plugin's evidence missing from the partial that owns it", () => {
    const [one, two] = open(2) as [OpenedPartial, OpenedPartial];
    const bare = edited(two, (c) => ({
      ...c,
      documents: { ...c.documents, evidence: { ...c.documents.evidence, plugins: [] } },
    }));
    expect(codes([one, bare])).toEqual(["EVIDENCE_MISSING", "EVIDENCE_MISSING"]);
  });

  test("no partials at all", () => {
    expect(codes([])).toEqual(["SHARD_MISSING"]);
  });
});

describe("writeMerged", () => {
  test("a merged qualification whose verdicts its evidence does not support is not written (MERGED_INVALID in the command)", () => {
    const merged = mergePartials(open(2)).merged!;
    const beta = SAMPLE_EVIDENCE.plugins.find((p) => p.plugin_id === "builtin.beta")!;
    // beta's artifact hash now matches its lock entry: the recorded hash_ok failure no longer follows.
    const evidence = {
      ...merged.evidence,
      plugins: merged.evidence.plugins.map((p) =>
        p.plugin_id === beta.plugin_id ? { ...p, hashes: { ...p.hashes, artifact_sha256: "2".repeat(64) } } : p,
      ),
    };
    const out = tempDir("merged");
    const reportsWritten: string[] = [];
    const written = writeMerged(
      out,
      { ...merged, evidence },
      {
        signer: testSigner(),
        toolVersion: "t",
        nodeVersion: "v20.0.0",
        writeReports: (dir) => reportsWritten.push(dir),
      },
    );
    expect(written.verify.ok).toBe(false);
    expect(reportsWritten).toEqual([]);
    expect(written.verify.steps.find((s) => s.status === "fail")).toMatchObject({
      step: "rejudge",
      code: "VERDICT_MISMATCH",
    });
    expect(existsSync(join(out, "proof"))).toBe(false);
    expect(readdirSync(out)).toEqual([]);
  });
});

test("the merged run section spans the shards and is a function of them", () => {
  const runs = [
    {
      run_id: "b",
      started_at: "2025-01-01T00:00:05.000Z",
      finished_at: "2025-01-01T00:01:00.000Z",
      host: "ci-2",
      tool_version: "x",
    },
    {
      run_id: "a",
      started_at: "2025-01-01T00:00:01.000Z",
      finished_at: "2025-01-01T00:00:30.000Z",
      host: "ci-1",
      tool_version: "x",
    },
    {
      run_id: "c",
      started_at: "2025-01-01T00:00:03.000Z",
      finished_at: "2025-01-01T00:00:40.000Z",
      host: "ci-1",
      tool_version: "x",
    },
  ];
  const merged = mergedRunSection(runs, "x");
  expect(merged).toMatchObject({
    started_at: "2025-01-01T00:00:01.000Z",
    finished_at: "2025-01-01T00:01:00.000Z",
    host: "ci-1,ci-2",
    tool_version: "x",
  });
  expect(mergedRunSection([...runs].reverse(), "x")).toEqual(merged);
  expect(merged.run_id).toMatch(/^merge-[0-9a-f]{32}$/);
});
