import { createHash } from "node:crypto";
import { readdirSync } from "node:fs";
import { describe, expect, onTestFinished, test } from "vitest";
import type { CitationRef } from "../../contracts/query-run.ts";
import { tempDir } from "../../setup/testing/example-copy.ts";
import { openCorpusReader } from "../gather/storage/corpus-reader.ts";
import { corruptHeader, seedDb } from "../gather/storage/testing/db-faults.ts";
import { checkCitations, citationFact } from "./check-citations.ts";
import { metadataDbPaths } from "../gather/storage/metadata-db-paths.ts";

const sha = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex");
const RECEIPT = "run_20260114/evidence.capture.image/0009";
const RECEIPT_TEXT = "Image capture of a lunch receipt from Café Müller, total 23,40 €";
const RECEIPT_PAYLOAD = JSON.stringify({
  fields: { merchant: "Café Müller", total: "23,40 €" },
  record_type: "evidence.capture.image",
  run_id: "run_20260114",
  text: RECEIPT_TEXT,
  ts_utc: "2026-01-14T12:30:00+00:00",
});

/**
 * A citation as the example platform builds it (`contracts/citation.schema.json` fields): whole-record span, code-point
 * offsets.
 */
function citation(over: Partial<CitationRef> = {}): CitationRef {
  const length = [...RECEIPT_TEXT].length;
  return {
    record_id: RECEIPT,
    evidence_id: RECEIPT,
    evidence_hash: sha(RECEIPT_TEXT),
    record_hash: sha(RECEIPT_PAYLOAD),
    offset_start: 0,
    offset_end: length,
    span_sha256: sha(RECEIPT_TEXT),
    ...over,
  };
}

function reader() {
  const dir = tempDir("citations");
  seedDb(dir);
  const r = openCorpusReader(metadataDbPaths(dir));
  onTestFinished(() => r.close());
  return { dir, r };
}

describe("citations against the real example corpus, read-only", () => {
  test("a citation built like the platform's verifies (hashes over UTF-8, offsets in code points), and nothing is written", () => {
    const { dir, r } = reader();
    expect(checkCitations([citation()], (id) => r.lookup(id))).toEqual([
      { record_id: RECEIPT, found: true, db: "metadata.db", problems: [] },
    ]);
    // "€" and "ü" are one code point each but more UTF-16 units / bytes: a sub-span must be cut by code points.
    const points = [...RECEIPT_TEXT];
    const start = points.indexOf("€");
    expect(
      citationFact(citation({ offset_start: start, offset_end: start + 1, span_sha256: sha("€") }), r.lookup(RECEIPT))
        .problems,
    ).toEqual([]);
    expect(readdirSync(dir)).toEqual(["metadata.db"]);
  });

  test.each<[string, Partial<CitationRef>, string[]]>([
    ["fabricated record", { record_id: "run_20991231/derived.text.ocr/9999" }, ["record_not_found"]],
    ["no record id", { record_id: null }, ["missing_record_id"]],
    [
      "altered evidence hash and end offset",
      { evidence_hash: "0".repeat(64), offset_end: 1000 },
      ["evidence_hash_mismatch", "offsets_out_of_range"],
    ],
    ["missing evidence hash", { evidence_hash: null }, ["evidence_hash_missing"]],
    ["record hash of another payload", { record_hash: sha("{}") }, ["record_hash_mismatch"]],
    ["reversed offsets", { offset_start: 5, offset_end: 2 }, ["offsets_invalid"]],
    ["fractional offset", { offset_start: 0.5 }, ["offsets_invalid"]],
    ["span hash of other text", { span_sha256: sha("other") }, ["span_sha256_mismatch"]],
  ])("%s", (_name, over, problems) => {
    const { r } = reader();
    const fact = checkCitations([citation(over)], (id) => r.lookup(id))[0]!;
    expect(fact.problems).toEqual(problems);
  });

  test("a corpus SQLite cannot read makes the lookup unreadable, never 'not found'", () => {
    const dir = tempDir("citations-broken");
    corruptHeader(seedDb(dir));
    const r = openCorpusReader(metadataDbPaths(dir));
    onTestFinished(() => r.close());
    expect(checkCitations([citation()], (id) => r.lookup(id))[0]!.problems).toEqual(["db_unreadable"]);
    const empty = openCorpusReader(metadataDbPaths(tempDir("citations-empty")));
    expect(empty.lookup(RECEIPT)).toEqual({ found: false, unreadable: "no metadata DB in the data dir" });
    empty.close();
  });

  test("the live replica is consulted when the primary lacks the record", () => {
    const dir = tempDir("citations-live");
    seedDb(dir, "metadata.live.db");
    const r = openCorpusReader(metadataDbPaths(dir));
    onTestFinished(() => r.close());
    expect(checkCitations([citation()], (id) => r.lookup(id))[0]).toMatchObject({
      found: true,
      db: "metadata.live.db",
      problems: [],
    });
  });
});
