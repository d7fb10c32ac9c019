import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { MergeReport, MERGE_CODES, ShardProvenance, type MergeCode } from "../../../contracts/proof-bundle.ts";
import { SAMPLE_INVENTORY, withDigest } from "../../../setup/testing/sample-final-report.ts";
import { tempDir } from "../../../setup/testing/example-copy.ts";
import { sha256Hex, stableJson } from "../../shared/canonical/canonical-json.ts";
import { testPublicKeyText, TEST_SEED_BASE64, writeSampleBundle } from "../../outputs/proof/testing/sample-bundle.ts";
import { SAMPLE_EVIDENCE, sampleRun } from "../../outputs/proof/testing/sample-run.ts";
import { verifyBundle } from "../../outputs/proof/verify/verify-bundle.ts";
import { writeSamplePartial, writeSamplePartials } from "../../outputs/shard/testing/sample-partials.ts";
import { bundleCopyOf } from "../../outputs/telemetry/strip-latency.ts";
import { sampleTelemetry } from "../../outputs/telemetry/testing/sample-telemetry.ts";
import type { CommandIo } from "../command.ts";
import { main } from "../main.ts";

const seen = new Set<MergeCode>();

async function merge(
  args: string[],
  env: Record<string, string> = { QUALIFY_SIGNING_KEY: TEST_SEED_BASE64 },
): Promise<{ code: number; report: MergeReport; out: string }> {
  const base = tempDir("merge-out");
  const keyFile = join(base, "qualify-signing.pub");
  writeFileSync(keyFile, testPublicKeyText());
  const out = join(base, "merged");
  const lines: string[] = [];
  const io: CommandIo = {
    out: (l) => lines.push(l),
    err: (l) => lines.push(l),
    env: { PATH: process.env.PATH ?? "", ...env },
    cwd: "/",
  };
  const code = await main(["merge", ...args, "--out", out, "--public-key", keyFile, "--json"], io);
  const report = MergeReport.parse(JSON.parse(lines.join("\n")));
  seen.add(report.code);
  for (const p of report.problems) seen.add(p.code);
  return { code, report, out };
}

const problemCodes = (report: MergeReport): MergeCode[] => report.problems.map((p) => p.code);
const shards = (count = 3) => writeSamplePartials(tempDir("shards"), count);
const nothingWritten = (out: string) => expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);

describe("pnpm qualify merge: honest shards", () => {
  test("three partials (one of them empty) merge into the unsharded verdicts; the bundle is complete, signed and verifies", async () => {
    const { code, report, out } = await merge(shards(3));
    expect(report).toMatchObject({ ok: true, code: "OK", problems: [] });
    expect(report.partials.map((p) => [p.shard, p.verify])).toEqual(
      [1, 2, 3].map((index) => [{ index, count: 3 }, ["OK"]]),
    );
    // The sample qualification fails (builtin.beta's hash, an unresolved ID): merged, and not qualified.
    expect(code).toBe(1);
    const merged = JSON.parse(readFileSync(join(out, "final.json"), "utf8"));
    const { run: _a, ...mergedVerdicts } = merged;
    const { run: _b, ...unsharded } = sampleRun().final;
    expect(stableJson(mergedVerdicts)).toBe(stableJson(unsharded));
    expect(merged.run).toMatchObject({ host: "host-1,host-2,host-3", started_at: "2025-01-01T00:00:00.000Z" });
    expect(readdirSync(out).sort()).toEqual([
      "evidence.json",
      "final.json",
      "inventory.json",
      "junit.xml",
      "proof",
      "report.md",
    ]);
    expect(readdirSync(join(out, "proof"))).toContain("shards.json");
    expect(readFileSync(join(out, "evidence.json"), "utf8")).toBe(stableJson(SAMPLE_EVIDENCE));
    const verified = verifyBundle(join(out, "proof"), {
      publicKeyText: testPublicKeyText(),
      allowUnsigned: false,
      target: "/targets/example",
      commit: SAMPLE_EVIDENCE.target.commit,
      cwd: "/",
    });
    expect(verified.steps.filter((s) => s.status === "fail")).toEqual([]);
  });

  test("merging is deterministic: the same partials give byte-identical outputs, whatever their order", async () => {
    const dirs = shards(2);
    const first = await merge(dirs);
    const second = await merge([...dirs].reverse());
    for (const name of ["final.json", "report.md", "junit.xml", "evidence.json"])
      expect(readFileSync(join(second.out, name))).toEqual(readFileSync(join(first.out, name)));
    for (const name of readdirSync(join(first.out, "proof")))
      expect(readFileSync(join(second.out, "proof", name))).toEqual(readFileSync(join(first.out, "proof", name)));
  });

  test("unsigned partials are accepted only with --allow-unsigned; the merged bundle is then unsigned, and says so", async () => {
    const dirs = writeSamplePartials(tempDir("shards"), 2, { signer: null });
    const strict = await merge(dirs, {});
    expect(strict.code).toBe(3);
    expect(problemCodes(strict.report)).toEqual(["PARTIAL_INVALID", "PARTIAL_INVALID"]);
    expect(strict.report.partials[0]!.verify).toEqual(["signature=UNSIGNED"]);
    nothingWritten(strict.out);
    const allowed = await merge([...dirs, "--allow-unsigned"], {});
    expect(allowed.report.ok).toBe(true);
    expect(JSON.parse(readFileSync(join(allowed.out, "proof/statement.json"), "utf8")).predicate.signed).toBe(false);
  });

  test("shards.json records the partials; an optional file travels only when every partial carrying it agrees", async () => {
    const base = tempDir("shards");
    const same = Buffer.from(
      stableJson({
        schema_version: 1,
        runs: 2,
        seeds: [1, 2],
        summary: { stable: 0, flaky: 0, unstable_evidence: 0 },
        tests: [],
      }),
    );
    // Each shard's telemetry (the bundle's latency-free copy) counts its own plugins, so the two differ.
    const telemetry = (failures: number) =>
      Buffer.from(
        bundleCopyOf(
          "telemetry.json",
          Buffer.from(stableJson({ ...sampleTelemetry(), plugin_load_failures: { "p.x": failures } })),
        ),
      );
    const one = writeSamplePartial(
      join(base, "1"),
      { index: 1, count: 2 },
      {
        extras: new Map([
          ["determinism.json", same],
          ["telemetry.json", telemetry(1)],
        ]),
      },
    );
    const two = writeSamplePartial(
      join(base, "2"),
      { index: 2, count: 2 },
      {
        extras: new Map([
          ["determinism.json", same],
          ["telemetry.json", telemetry(2)],
        ]),
      },
    );
    const { report, out } = await merge([two, one]);
    expect(report.ok).toBe(true);
    expect(readdirSync(join(out, "proof")).sort()).toEqual([
      "determinism.json",
      "envelope.dsse.json",
      "evidence.json",
      "inventory.json",
      "run.json",
      "shards.json",
      "statement.json",
      "verdicts.json",
      "versions.json",
    ]);
    const shards = ShardProvenance.parse(JSON.parse(readFileSync(join(out, "proof/shards.json"), "utf8")));
    expect(shards).toMatchObject({ count: 2, carried: ["determinism.json"], not_carried: ["telemetry.json"] });
    expect(shards.shards.map((s) => [s.index, s.statement_sha256, s.optional_files["telemetry.json"]])).toEqual([
      [1, sha256Hex(readFileSync(join(one, "statement.json"))), sha256Hex(telemetry(1))],
      [2, sha256Hex(readFileSync(join(two, "statement.json"))), sha256Hex(telemetry(2))],
    ]);
    expect(
      JSON.parse(readFileSync(join(out, "proof/statement.json"), "utf8")).predicate.nondeterministic_files,
    ).toEqual(["run.json", "shards.json"]);
  });
});

describe("pnpm qualify merge: rejected partials (exit 3, nothing written)", () => {
  test("a missing shard", async () => {
    const dirs = shards(3);
    const { code, report, out } = await merge([dirs[0]!, dirs[2]!]);
    expect(code).toBe(3);
    expect(report.problems).toEqual([
      { code: "SHARD_MISSING", partial: null, detail: "no partial bundle for shard 2/3 was given" },
    ]);
    nothingWritten(out);
  });

  test("a duplicated shard, even byte-identical", async () => {
    const dirs = shards(2);
    const copy = join(tempDir("copy"), "again");
    cpSync(dirs[1]!, copy, { recursive: true });
    const { code, report } = await merge([...dirs, copy]);
    expect(code).toBe(3);
    expect(problemCodes(report)).toEqual(["SHARD_DUPLICATE"]);
    expect(report.problems[0]!.partial).toBe(copy);
  });

  test("a partial of another inventory is named as the foreign one", async () => {
    const dirs = shards(3);
    const { inventory_sha256: _digest, ...body } = SAMPLE_INVENTORY;
    const other = withDigest({
      ...body,
      plugins: body.plugins.map((p) => ({ ...p, category_reason: `${p.category_reason} (edited)` })),
    });
    const foreign = writeSamplePartial(join(tempDir("foreign"), "p"), { index: 2, count: 3 }, { inventory: other });
    const { code, report } = await merge([dirs[0]!, foreign, dirs[2]!]);
    expect(code).toBe(3);
    expect(problemCodes(report)).toEqual(["FOREIGN_INVENTORY", "SHARD_MISSING"]);
    expect(report.problems[0]!.partial).toBe(foreign);
  });

  test("a partial of another target or commit", async () => {
    const dirs = shards(2);
    const evidence = { ...SAMPLE_EVIDENCE, target: { ...SAMPLE_EVIDENCE.target, commit: "f".repeat(40) } };
    const foreign = writeSamplePartial(join(tempDir("foreign"), "p"), { index: 2, count: 2 }, { evidence });
    const { report } = await merge([dirs[0]!, foreign]);
    // Two partials that disagree: the tie goes to the one holding shard 1, so shard 2 is the foreign one.
    expect(problemCodes(report)).toEqual(["FOREIGN_TARGET", "RUN_EVIDENCE_MISMATCH", "SHARD_MISSING"]);
    expect(report.problems[0]!.detail).toMatch(/at \/commit: "f{40}" vs "0123/);
  });

  test("a partial made by another version of the suite", async () => {
    const dirs = shards(2);
    const foreign = writeSamplePartial(
      join(tempDir("foreign"), "p"),
      { index: 2, count: 2 },
      { toolVersion: "plugin-qualification-suite@0.2.0" },
    );
    const { report } = await merge([dirs[0]!, foreign]);
    expect(problemCodes(report)).toEqual(["FOREIGN_TOOL", "SHARD_MISSING"]);
  });

  test("partials of different shard counts", async () => {
    const two = shards(2);
    const three = shards(3);
    const { report } = await merge([two[0]!, two[1]!, three[2]!]);
    expect(problemCodes(report)).toEqual(["SHARD_COUNT_MISMATCH"]);
    expect(report.problems[0]!.partial).toBe(three[2]);
  });

  test("run-level evidence that differs between shards (here: the lockfile)", async () => {
    const dirs = shards(2);
    const evidence = { ...SAMPLE_EVIDENCE, lockfile: { ...SAMPLE_EVIDENCE.lockfile, sha256: "9".repeat(64) } };
    const foreign = writeSamplePartial(join(tempDir("foreign"), "p"), { index: 2, count: 2 }, { evidence });
    const { report } = await merge([dirs[0]!, foreign]);
    expect(problemCodes(report)).toEqual(["RUN_EVIDENCE_MISMATCH", "SHARD_MISSING"]);
    expect(report.problems[0]!.detail).toMatch(/at \/lockfile\/sha256/);
  });

  test("a tampered partial, and a complete bundle given as a partial", async () => {
    const dirs = shards(2);
    const verdicts = join(dirs[1]!, "verdicts.json");
    const bytes = readFileSync(verdicts);
    bytes[bytes.length - 2]! ^= 1;
    writeFileSync(verdicts, bytes);
    const complete = tempDir("complete");
    writeSampleBundle(complete);
    const { report } = await merge([dirs[0]!, dirs[1]!, complete]);
    expect(problemCodes(report)).toEqual(["PARTIAL_INVALID", "NOT_PARTIAL", "SHARD_MISSING"]);
    expect(report.problems[2]!.detail).toBe("no partial bundle for shard 2/2 was given");
    expect(report.partials[1]!.verify).toContain("subjects=DIGEST_MISMATCH");
  });

  test("usage: no partials is exit 2", async () => {
    const io: CommandIo = { out: () => undefined, err: () => undefined, env: {}, cwd: "/" };
    expect(await main(["merge"], io)).toBe(2);
  });
});

// The codes only a broken producer can reach (verified partials cannot disagree cell by cell) are covered by
// qualification/outputs/shard/merge-partials.test.ts; every other code must be produced through the command.
test("every reachable merge code is covered by a case above", () => {
  const unreachableThroughVerifiedPartials = [
    "RESULT_MISSING",
    "RESULT_DUPLICATE",
    "RESULT_EXTRA",
    "EVIDENCE_MISSING",
    "MERGED_INVALID",
  ];
  expect([...seen].sort()).toEqual(MERGE_CODES.filter((c) => !unreachableThroughVerifiedPartials.includes(c)).sort());
});
