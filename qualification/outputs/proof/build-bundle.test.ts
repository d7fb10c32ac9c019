import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import {
  DSSE_PAYLOAD_TYPE,
  IN_TOTO_STATEMENT_TYPE,
  QUALIFICATION_PREDICATE_TYPE,
} from "../../../contracts/proof-bundle.ts";
import { tempDir } from "../../../setup/testing/example-copy.ts";
import { sha256Hex, stableJson } from "../../shared/canonical/canonical-json.ts";
import { PROOF_DIR } from "./bundle-layout.ts";
import { buildBundle } from "./build-bundle.ts";
import { preAuthEncoding } from "./dsse.ts";
import { nodeVerifyEd25519 } from "./testing/node-ed25519.ts";
import {
  bundleInput,
  decodePayload,
  readEnvelope,
  readStatement,
  testSigner,
  writeSampleBundle,
} from "./testing/sample-bundle.ts";
import { sampleRun } from "./testing/sample-run.ts";
import { writeProofBundle } from "./write-proof-bundle.ts";

const BASE_FILES = [
  "envelope.dsse.json",
  "evidence.json",
  "inventory.json",
  "run.json",
  "statement.json",
  "verdicts.json",
  "versions.json",
];

describe("buildBundle", () => {
  test("layout: the data files, the statement and the envelope; subjects are every file but the carriers", () => {
    const dir = tempDir("bundle");
    writeSampleBundle(dir);
    expect(readdirSync(dir).sort()).toEqual(BASE_FILES);
    const statement = readStatement(dir);
    expect(statement._type).toBe(IN_TOTO_STATEMENT_TYPE);
    expect(statement.predicateType).toBe(QUALIFICATION_PREDICATE_TYPE);
    const files = statement.subject.filter((s) => "sha256" in s.digest);
    expect(files.map((s) => s.name)).toEqual([
      "evidence.json",
      "inventory.json",
      "run.json",
      "verdicts.json",
      "versions.json",
    ]);
    for (const subject of files)
      expect(subject.digest).toEqual({ sha256: sha256Hex(readFileSync(join(dir, subject.name))) });
    expect(readFileSync(join(dir, "statement.json"))).toEqual(decodePayload(dir));
  });

  test("verdicts.json is final.json without its run section; run.json is the run section", () => {
    const dir = tempDir("bundle");
    const { final } = sampleRun();
    writeSampleBundle(dir);
    const { run, ...verdicts } = final;
    expect(readFileSync(join(dir, "verdicts.json"), "utf8")).toBe(stableJson(verdicts));
    expect(readFileSync(join(dir, "run.json"), "utf8")).toBe(stableJson(run));
    expect(JSON.parse(readFileSync(join(dir, "versions.json"), "utf8"))).toEqual({
      schema_version: 1,
      tool_version: "plugin-qualification-suite@0.1.0",
      node_version: "v20.0.0",
      platform: final.platform,
      target: final.target,
    });
  });

  test("predicate: verdict summary, ok, tests_emitted = plugins × checks, inventory and lockfile digests, target", () => {
    const dir = tempDir("bundle");
    const run = sampleRun();
    writeSampleBundle(dir, { run });
    expect(readStatement(dir).predicate).toEqual({
      schema_version: 1,
      shard: null,
      ok: false,
      signed: true,
      summary: run.final.summary,
      tests_emitted: 4 * 6,
      inventory_sha256: run.inventory.inventory_sha256,
      lockfile_sha256: "4".repeat(64),
      target: { root: "/targets/example", commit: "0123456789abcdef0123456789abcdef01234567" },
      platform: { adapter: "autocapture-nx", kernel_api_version: "0.1.0" },
      nondeterministic_files: ["run.json"],
    });
  });

  test("signed: one Ed25519 signature over the PAE that node:crypto verifies independently", () => {
    const dir = tempDir("bundle");
    writeSampleBundle(dir);
    const envelope = readEnvelope(dir);
    expect(envelope.payloadType).toBe(DSSE_PAYLOAD_TYPE);
    expect(envelope.signatures).toEqual([{ keyid: testSigner().keyid, sig: expect.any(String) }]);
    const pae = preAuthEncoding(envelope.payloadType, decodePayload(dir));
    expect(nodeVerifyEd25519(testSigner().publicKey, pae, Buffer.from(envelope.signatures[0]!.sig, "base64"))).toBe(
      true,
    );
  });

  test("unsigned: no signature at all, and the statement says so", () => {
    const dir = tempDir("bundle");
    writeSampleBundle(dir, { signer: null });
    expect(readEnvelope(dir).signatures).toEqual([]);
    expect(readStatement(dir).predicate.signed).toBe(false);
  });

  test("optional files are subjects when present; an unknown extra is a bug", () => {
    const extras = new Map([
      ["determinism.json", Buffer.from("{}\n")],
      ["telemetry.json", Buffer.from("[]\n")],
    ]);
    const names = buildBundle(bundleInput(undefined, { extras }), null).map((f) => f.name);
    expect(names).toEqual(
      ["determinism.json", ...BASE_FILES.slice(0, 5), "telemetry.json", ...BASE_FILES.slice(5)].sort(),
    );
    expect(() =>
      buildBundle(bundleInput(undefined, { extras: new Map([["notes.txt", Buffer.from("x")]]) }), null),
    ).toThrow(/not an optional/);
  });
});

describe("writeProofBundle", () => {
  test("reads QUALIFY_OUT, copies inventory/evidence byte for byte and optional files, replaces an old proof/", () => {
    const out = tempDir("out");
    const run = sampleRun();
    const input = bundleInput(run);
    writeFileSync(join(out, "inventory.json"), input.inventoryBytes);
    writeFileSync(join(out, "evidence.json"), input.evidenceBytes);
    writeFileSync(join(out, "strict_matrix.json"), '{"rows":[]}\n');
    mkdirSync(join(out, PROOF_DIR));
    writeFileSync(join(out, PROOF_DIR, "stale.json"), "{}");
    const dir = writeProofBundle(out, run.final, {
      signer: testSigner(),
      toolVersion: input.toolVersion,
      nodeVersion: input.nodeVersion,
    });
    expect(dir).toBe(join(out, PROOF_DIR));
    expect(readdirSync(dir).sort()).toEqual([...BASE_FILES, "strict_matrix.json"].sort());
    expect(readFileSync(join(dir, "inventory.json"))).toEqual(Buffer.from(input.inventoryBytes));
    expect(statSync(join(dir, "evidence.json")).size).toBe(input.evidenceBytes.length);
  });
});
