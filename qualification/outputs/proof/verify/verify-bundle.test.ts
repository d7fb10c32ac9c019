import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import nacl from "tweetnacl";
import { describe, expect, test } from "vitest";
import {
  VERIFY_CODES,
  VERIFY_STEPS,
  type FileSubject,
  type QualificationStatement,
  type VerifyCode,
  type VerifyReport,
  type VerifyStepId,
} from "../../../../contracts/proof-bundle.ts";
import { tempDir } from "../../../../setup/testing/example-copy.ts";
import { stableJson } from "../../../shared/canonical/canonical-json.ts";
import { preAuthEncoding, sealEnvelope } from "../dsse.ts";
import {
  bundleInput,
  readEnvelope,
  reseal,
  testPublicKeyText,
  testSigner,
  writeSampleBundle,
} from "../testing/sample-bundle.ts";
import { buildBundle } from "../build-bundle.ts";
import { writeBundle } from "../write-proof-bundle.ts";
import { bundleCopyOf } from "../../telemetry/strip-latency.ts";
import { sampleTelemetry } from "../../telemetry/testing/sample-telemetry.ts";
import { sampleResults, sampleRun, SAMPLE_EVIDENCE } from "../testing/sample-run.ts";
import { writeSamplePartial } from "../../shard/testing/sample-partials.ts";
import { verifyBundle, type VerifyOptions } from "./verify-bundle.ts";

const OPTIONS: VerifyOptions = {
  publicKeyText: testPublicKeyText(),
  allowUnsigned: false,
  target: null,
  commit: null,
  cwd: "/",
};
const seen = new Set<VerifyCode>();

function verify(dir: string, options: Partial<VerifyOptions> = {}): VerifyReport {
  const report = verifyBundle(dir, { ...OPTIONS, ...options });
  for (const step of report.steps) {
    seen.add(step.code);
    for (const p of step.problems) seen.add(p.code);
  }
  return report;
}
const codes = (report: VerifyReport): Record<VerifyStepId, VerifyCode> =>
  Object.fromEntries(report.steps.map((s) => [s.step, s.code])) as Record<VerifyStepId, VerifyCode>;
const problemCodes = (report: VerifyReport, step: VerifyStepId): VerifyCode[] =>
  report.steps.find((s) => s.step === step)!.problems.map((p) => p.code);
const file = (dir: string, name: string) => join(dir, name);
const json = (dir: string, name: string) =>
  JSON.parse(readFileSync(file(dir, name), "utf8")) as Record<string, unknown>;
const signed = () => {
  const dir = tempDir("verify");
  writeSampleBundle(dir);
  return dir;
};

const ALL_OK = {
  envelope_parse: "OK",
  signature: "OK",
  subjects: "OK",
  completeness: "OK",
  rejudge: "OK",
  target: "NOT_REQUESTED",
};

describe("verifyBundle: an honest bundle", () => {
  test("every step passes, in order; target is skipped when not requested", () => {
    const report = verify(signed());
    expect(report.ok).toBe(true);
    expect(report.steps.map((s) => s.step)).toEqual([...VERIFY_STEPS]);
    expect(codes(report)).toEqual(ALL_OK);
    expect(report.steps.find((s) => s.step === "target")!.status).toBe("skip");
  });

  test("the bundle's own target and commit pass", () => {
    const report = verify(signed(), { target: "/targets/example", commit: "0123456789abcdef0123456789abcdef01234567" });
    expect(codes(report).target).toBe("OK");
    expect(report.ok).toBe(true);
  });

  test("the verify report conforms to its contract", async () => {
    const { VerifyReport } = await import("../../../../contracts/proof-bundle.ts");
    expect(VerifyReport.parse(verify(signed()))).toBeTruthy();
  });
});

describe("verifyBundle: signature", () => {
  test("unsigned bundles fail unless --allow-unsigned, and then say so", () => {
    const dir = tempDir("verify");
    writeSampleBundle(dir, { signer: null });
    const strict = verify(dir, { publicKeyText: null });
    expect(strict.ok).toBe(false);
    expect(codes(strict)).toEqual({ ...ALL_OK, signature: "UNSIGNED" });
    const allowed = verify(dir, { publicKeyText: null, allowUnsigned: true });
    expect(allowed.ok).toBe(true);
    expect(codes(allowed).signature).toBe("UNSIGNED_ALLOWED");
    expect(allowed.steps[1]!.detail).toMatch(/UNSIGNED/);
  });

  test("signatures stripped from a bundle declared signed: rejected even with --allow-unsigned", () => {
    const dir = signed();
    const envelope = readEnvelope(dir);
    writeFileSync(file(dir, "envelope.dsse.json"), stableJson({ ...envelope, signatures: [] }));
    expect(codes(verify(dir, { allowUnsigned: true })).signature).toBe("SIGNATURES_STRIPPED");
  });

  test("a signature added to a bundle declared unsigned is rejected", () => {
    const dir = tempDir("verify");
    writeSampleBundle(dir, { signer: null });
    const payload = readFileSync(file(dir, "statement.json"));
    writeFileSync(file(dir, "envelope.dsse.json"), stableJson(sealEnvelope(payload, testSigner())));
    expect(codes(verify(dir)).signature).toBe("SIGNED_BUT_DECLARED_UNSIGNED");
  });

  test("a signed bundle needs a valid public key, of the signing key", () => {
    const dir = signed();
    expect(codes(verify(dir, { publicKeyText: null })).signature).toBe("PUBLIC_KEY_REQUIRED");
    expect(codes(verify(dir, { publicKeyText: "bm90IGEga2V5" })).signature).toBe("PUBLIC_KEY_INVALID");
    const other = Buffer.from(nacl.sign.keyPair.fromSeed(new Uint8Array(32).fill(9)).publicKey).toString("base64");
    expect(codes(verify(dir, { publicKeyText: other })).signature).toBe("KEYID_MISMATCH");
  });

  test("a signature by the right keyid over different bytes is rejected", () => {
    const dir = signed();
    const envelope = readEnvelope(dir);
    const forged = Buffer.from(testSigner().sign(preAuthEncoding(envelope.payloadType, Buffer.from("{}\n")))).toString(
      "base64",
    );
    writeFileSync(
      file(dir, "envelope.dsse.json"),
      stableJson({ ...envelope, signatures: [{ keyid: testSigner().keyid, sig: forged }] }),
    );
    expect(codes(verify(dir)).signature).toBe("SIGNATURE_INVALID");
  });
});

describe("verifyBundle: envelope_parse", () => {
  test("a missing envelope blocks every later step", () => {
    const dir = signed();
    rmSync(file(dir, "envelope.dsse.json"));
    const report = verify(dir);
    expect(codes(report)).toEqual({
      envelope_parse: "ENVELOPE_MISSING",
      signature: "BLOCKED",
      subjects: "BLOCKED",
      completeness: "BLOCKED",
      rejudge: "BLOCKED",
      target: "BLOCKED",
    });
    expect(report.steps.every((s) => s.status === "fail")).toBe(true);
    expect(codes(verify(join(dir, "absent"))).envelope_parse).toBe("ENVELOPE_MISSING");
  });

  test.each([
    ["not JSON", (d: string) => writeFileSync(file(d, "envelope.dsse.json"), "{"), "ENVELOPE_INVALID"],
    ["not a DSSE envelope", (d: string) => writeFileSync(file(d, "envelope.dsse.json"), "{}\n"), "ENVELOPE_INVALID"],
    [
      "re-indented",
      (d: string) => writeFileSync(file(d, "envelope.dsse.json"), JSON.stringify(json(d, "envelope.dsse.json"))),
      "ENVELOPE_NOT_CANONICAL",
    ],
    [
      "another payload type",
      (d: string) =>
        writeFileSync(
          file(d, "envelope.dsse.json"),
          stableJson({ ...readEnvelope(d), payloadType: "application/json" }),
        ),
      "PAYLOAD_TYPE_UNSUPPORTED",
    ],
    [
      "non-canonical base64",
      (d: string) =>
        writeFileSync(file(d, "envelope.dsse.json"), stableJson({ ...readEnvelope(d), payload: "aGVsbG8gd29ybGR=" })),
      "PAYLOAD_ENCODING_INVALID",
    ],
    [
      "a payload that is not our statement",
      (d: string) =>
        writeFileSync(
          file(d, "envelope.dsse.json"),
          stableJson(sealEnvelope(Buffer.from('{\n  "_type": "x"\n}\n'), testSigner())),
        ),
      "STATEMENT_INVALID",
    ],
    [
      "statement.json edited",
      (d: string) => writeFileSync(file(d, "statement.json"), `${readFileSync(file(d, "statement.json"), "utf8")} `),
      "STATEMENT_FILE_MISMATCH",
    ],
    ["statement.json removed", (d: string) => rmSync(file(d, "statement.json")), "STATEMENT_FILE_MISMATCH"],
  ] as const)("%s → %s", (_name, mutate, code) => {
    const dir = signed();
    mutate(dir);
    const report = verify(dir);
    expect(report.ok).toBe(false);
    expect(codes(report).envelope_parse).toBe(code);
  });
});

describe("verifyBundle: subjects", () => {
  test("an added file, a removed file, a changed file", () => {
    const added = signed();
    writeFileSync(file(added, "notes.json"), "{}\n");
    mkdirSync(file(added, "extra"));
    const report = verify(added);
    expect(codes(report).subjects).toBe("UNLISTED_FILE");
    expect(problemCodes(report, "subjects")).toEqual(["UNLISTED_FILE", "UNLISTED_FILE"]);

    const removed = signed();
    rmSync(file(removed, "run.json"));
    expect(codes(verify(removed)).subjects).toBe("SUBJECT_MISSING");

    const changed = signed();
    writeFileSync(file(changed, "run.json"), stableJson({ ...json(changed, "run.json"), host: "elsewhere" }));
    expect(codes(verify(changed)).subjects).toBe("DIGEST_MISMATCH");
  });

  test("a statement with bad subject names, duplicates or a required file left out", () => {
    const dir = signed();
    reseal(dir, {
      statement: (s) => {
        const first = s.subject.find((x) => "sha256" in x.digest) as FileSubject;
        s.subject = [
          ...s.subject.filter((x) => x.name !== "run.json"),
          { ...first, name: "../outside.json" },
          { ...first },
        ];
      },
    });
    const report = verify(dir);
    expect(report.steps.find((s) => s.step === "signature")!.code).toBe("OK");
    expect(problemCodes(report, "subjects").sort()).toEqual([
      "SUBJECT_DUPLICATE",
      "SUBJECT_MISSING",
      "SUBJECT_NAME_INVALID",
      "UNLISTED_FILE",
    ]);
  });
});

describe("verifyBundle: completeness (a signed but dishonest or broken producer)", () => {
  const withFinal = (edit: (results: ReturnType<typeof sampleResults>) => ReturnType<typeof sampleResults>) => {
    const dir = tempDir("verify");
    writeSampleBundle(dir, { run: sampleRun({ edit }) });
    return verify(dir);
  };

  test("a removed result", () => {
    const report = (() => {
      const dir = tempDir("verify");
      const run = sampleRun();
      writeSampleBundle(dir, {
        final: { ...run.final, plugins: run.final.plugins.filter((p) => p.plugin_id !== "builtin.beta") },
      });
      return verify(dir);
    })();
    expect(codes(report)).toMatchObject({
      signature: "OK",
      subjects: "OK",
      completeness: "RESULT_MISSING",
      rejudge: "BLOCKED",
    });
  });

  test("a removed check of one plugin, and a missing run check", () => {
    const dir = tempDir("verify");
    const run = sampleRun();
    const plugins = run.final.plugins.map((p) =>
      p.plugin_id === "builtin.alpha" ? { ...p, checks: { ...p.checks, functional: undefined } } : p,
    );
    const { inventory_resolved: _gone, ...runChecks } = run.final.run_checks;
    writeSampleBundle(dir, {
      final: { ...run.final, plugins: plugins as typeof run.final.plugins, run_checks: runChecks },
    });
    expect(problemCodes(verify(dir), "completeness")).toEqual(["RESULT_MISSING", "RESULT_MISSING"]);
  });

  test("an added result: an extra plugin, an extra check, a duplicate", () => {
    const dir = tempDir("verify");
    const run = sampleRun();
    const [alpha] = run.final.plugins;
    const plugins = [
      ...run.final.plugins,
      { ...alpha!, plugin_id: "builtin.zeta" },
      { ...alpha!, checks: { ...alpha!.checks, extra_check: alpha!.checks.allowlisted } },
    ];
    writeSampleBundle(dir, { final: { ...run.final, plugins } });
    expect(problemCodes(verify(dir), "completeness").sort()).toEqual([
      "RESULT_DUPLICATE",
      "RESULT_EXTRA",
      "RESULT_EXTRA",
    ]);
  });

  test("ok and the summary must follow from the recorded cells", () => {
    const dir = tempDir("verify");
    const run = sampleRun();
    writeSampleBundle(dir, { final: { ...run.final, ok: true } });
    const report = verify(dir);
    expect(codes(report).completeness).toBe("SUMMARY_MISMATCH");
    expect(report.steps.find((s) => s.step === "completeness")!.problems.map((p) => p.detail)).toEqual([
      "ok is not what the recorded verdicts, inventory and evidence give",
    ]);
  });

  test("the predicate must agree with the files", () => {
    const dir = signed();
    reseal(dir, { statement: (s) => void (s.predicate.tests_emitted = 18) });
    expect(codes(verify(dir)).completeness).toBe("PREDICATE_MISMATCH");
  });

  test("the inventory digest must be the inventory's", () => {
    const dir = signed();
    const inventory = json(dir, "inventory.json") as { plugins: Array<{ category_reason: string }> };
    inventory.plugins[0]!.category_reason = "edited";
    reseal(dir, { file: { name: "inventory.json", bytes: Buffer.from(stableJson(inventory)) } });
    expect(problemCodes(verify(dir), "completeness")).toContain("INVENTORY_DIGEST_MISMATCH");
  });

  test("documents must be canonical and match their contracts", () => {
    const spaced = signed();
    reseal(spaced, {
      file: { name: "verdicts.json", bytes: Buffer.from(JSON.stringify(json(spaced, "verdicts.json"))) },
    });
    expect(codes(verify(spaced))).toMatchObject({ subjects: "OK", completeness: "FILE_INVALID", rejudge: "BLOCKED" });

    const shape = signed();
    reseal(shape, {
      file: {
        name: "versions.json",
        bytes: Buffer.from(stableJson({ ...json(shape, "versions.json"), schema_version: 2 })),
      },
    });
    expect(codes(verify(shape)).completeness).toBe("FILE_INVALID");
  });

  test("optional files must match their contracts: a signed digest of junk is still junk", () => {
    const withExtras = (telemetry: Uint8Array) => {
      const dir = tempDir("verify-optional");
      const extras = new Map([
        ["telemetry.json", telemetry],
        [
          "determinism.json",
          Buffer.from(
            stableJson({
              schema_version: 1,
              runs: 2,
              seeds: [1, 2],
              summary: { stable: 0, flaky: 0, unstable_evidence: 0 },
              tests: [],
            }),
          ),
        ],
      ]);
      writeBundle(dir, buildBundle(bundleInput(sampleRun(), { extras }), testSigner()));
      return verify(dir);
    };
    const copy = bundleCopyOf("telemetry.json", Buffer.from(stableJson(sampleTelemetry())));
    expect(codes(withExtras(copy))).toMatchObject({ subjects: "OK", completeness: "OK" });
    // QUALIFY_OUT's telemetry (with latencies) is not the bundle's contract; neither is JSON of another shape.
    const raw = withExtras(Buffer.from(stableJson(sampleTelemetry())));
    expect(codes(raw)).toMatchObject({ subjects: "OK", completeness: "FILE_INVALID" });
    expect(raw.steps.find((s) => s.step === "completeness")!.problems).toEqual([
      expect.objectContaining({ code: "FILE_INVALID", file: "telemetry.json" }),
    ]);
    expect(codes(withExtras(Buffer.from("{ not json")))).toMatchObject({
      subjects: "OK",
      completeness: "FILE_INVALID",
    });
  });

  test("honest edits to results do not pass completeness by accident", () => {
    // Dropping every result of one check renders as a RUNNER_FAILED cell, which is complete: completeness passes,
    // and rejudge catches the invented verdicts.
    const report = withFinal((results) =>
      results.filter((r) => !(r.plugin_id === "builtin.alpha" && r.check === "hash_ok")),
    );
    expect(codes(report)).toMatchObject({ completeness: "OK", rejudge: "VERDICT_MISMATCH" });
  });
});

describe("verifyBundle: rejudge", () => {
  test("a recorded verdict the evidence does not support is rejected", () => {
    const report = (() => {
      const dir = tempDir("verify");
      writeSampleBundle(dir, {
        run: sampleRun({
          edit: (results) =>
            results.map((r) =>
              r.plugin_id === "builtin.beta" && r.check === "hash_ok"
                ? { ...r, verdict: { status: "pass", reason: null, detail: "trust me" }, state: "passed" }
                : r,
            ),
        }),
      });
      return verify(dir);
    })();
    expect(codes(report)).toMatchObject({
      signature: "OK",
      subjects: "OK",
      completeness: "OK",
      rejudge: "VERDICT_MISMATCH",
    });
    expect(report.steps.find((s) => s.step === "rejudge")!.problems[0]!.detail).toMatch(
      /^builtin\.beta › hash_ok: recorded pass, the evidence gives fail\/ARTIFACT_HASH_MISMATCH \(\/actual: recorded \(absent\), the evidence gives "5{64}"; \/detail: recorded "trust me", the evidence gives "sha256_directory/,
    );
  });

  test("evidence of another schema version (2 recorded the enabled rule's inputs) is not re-judged", () => {
    const dir = signed();
    const evidence = { ...SAMPLE_EVIDENCE, schema_version: 2 };
    reseal(dir, { file: { name: "evidence.json", bytes: Buffer.from(stableJson(evidence)) } });
    const report = verify(dir);
    expect(codes(report)).toMatchObject({ completeness: "FILE_INVALID", rejudge: "BLOCKED" });
    expect(report.steps.find((s) => s.step === "completeness")!.problems[0]!.detail).toContain(
      "/schema_version: Invalid input: expected 3",
    );
  });

  test("plugin evidence removed from evidence.json", () => {
    const dir = signed();
    const evidence = {
      ...SAMPLE_EVIDENCE,
      plugins: SAMPLE_EVIDENCE.plugins.filter((p) => p.plugin_id !== "builtin.alpha"),
    };
    reseal(dir, { file: { name: "evidence.json", bytes: Buffer.from(stableJson(evidence)) } });
    expect(codes(verify(dir))).toMatchObject({ completeness: "OK", rejudge: "EVIDENCE_MISSING" });
  });

  test("evidence changed after judging (hashes now match) no longer supports the recorded failure", () => {
    const dir = signed();
    const evidence = structuredClone(SAMPLE_EVIDENCE);
    evidence.plugins[1]!.hashes.artifact_sha256 = "2".repeat(64);
    reseal(dir, { file: { name: "evidence.json", bytes: Buffer.from(stableJson(evidence)) } });
    expect(problemCodes(verify(dir), "rejudge")).toEqual(["VERDICT_MISMATCH"]);
  });
});

describe("verifyBundle: target", () => {
  test("a bundle presented for another target or commit is rejected", () => {
    const dir = signed();
    expect(codes(verify(dir, { target: "/targets/other" })).target).toBe("TARGET_MISMATCH");
    expect(codes(verify(dir, { commit: "fedcba9876543210fedcba9876543210fedcba98" })).target).toBe("COMMIT_MISMATCH");
    expect(codes(verify(dir, { target: "example", cwd: "/targets" })).target).toBe("OK");
    expect(verify(dir, { target: "/targets/other" }).ok).toBe(false);
  });
});

describe("verifyBundle: a shard's partial bundle", () => {
  const partial = (index: number, count: number) => writeSamplePartial(tempDir("partial"), { index, count });

  test("is not a complete qualification: completeness fails with PARTIAL_BUNDLE unless --partial", () => {
    const dir = partial(1, 3);
    const strict = verify(dir);
    expect(strict.ok).toBe(false);
    expect(codes(strict)).toEqual({ ...ALL_OK, completeness: "PARTIAL_BUNDLE" });
    const allowed = verify(dir, { partial: true });
    expect(codes(allowed)).toEqual(ALL_OK);
    expect(allowed.steps.find((s) => s.step === "completeness")!.detail).toBe(
      "2 plugin(s) (shard 1/3 of 4 canonical plugins) × 6 checks + 8 run checks, each exactly once; summary and predicate agree",
    );
    // A shard without plugins is still a shard; one without run checks is every shard but the first.
    expect(codes(verify(partial(3, 3), { partial: true }))).toEqual(ALL_OK);
  });

  test("must hold exactly its shard's plugins, and run checks only in shard 1", () => {
    const dir = partial(2, 3);
    const verdicts = json(dir, "verdicts.json") as { plugins: unknown[]; run_checks: Record<string, unknown> };
    const other = json(partial(1, 3), "verdicts.json") as { plugins: unknown[]; run_checks: Record<string, unknown> };
    reseal(dir, {
      file: {
        name: "verdicts.json",
        bytes: Buffer.from(
          stableJson({ ...verdicts, plugins: [...verdicts.plugins, other.plugins[0]], run_checks: other.run_checks }),
        ),
      },
    });
    const report = verify(dir, { partial: true });
    expect(problemCodes(report, "completeness")).toEqual(["RESULT_EXTRA", ...Array(8).fill("RESULT_EXTRA")]);
    expect(report.steps.find((s) => s.step === "completeness")!.problems[0]!.detail).toBe(
      "builtin.alpha: results for a plugin that is not in the canonical inventory (or not in shard 2/3)",
    );
  });

  test("a complete bundle passes --partial too", () => {
    expect(codes(verify(signed(), { partial: true }))).toEqual(ALL_OK);
  });

  test("the target's commit is a subject (digest gitCommit), signed with the rest; one that disagrees with the predicate is refused", () => {
    const dir = signed();
    const statement = JSON.parse(readFileSync(join(dir, "statement.json"), "utf8")) as QualificationStatement;
    expect(statement.subject).toContainEqual({
      name: "target-commit",
      digest: { gitCommit: "0123456789abcdef0123456789abcdef01234567" },
    });
    expect(verify(dir).steps.find((s) => s.step === "subjects")!.code).toBe("OK");
    reseal(dir, {
      statement: (s) => {
        s.subject = [
          ...s.subject.filter((x) => x.name !== "target-commit"),
          { name: "target-commit", digest: { gitCommit: "f".repeat(40) } },
        ];
      },
    });
    expect(problemCodes(verify(dir), "subjects")).toEqual(["COMMIT_SUBJECT_MISMATCH"]);
  });
});

// Last in the file (Vitest runs a file's tests in order): every closed verify code is produced by some case above.
test("every verify code is covered by a case", () => {
  expect([...seen].sort()).toEqual([...VERIFY_CODES].sort());
});
