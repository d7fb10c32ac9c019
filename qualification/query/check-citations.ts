import { createHash } from "node:crypto";
import type { CitationFact, CitationRef } from "../../contracts/query-run.ts";
import type { CorpusLookup } from "../gather/storage/corpus-reader.ts";

type Problem = CitationFact["problems"][number];

const sha256 = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex");

/**
 * The text the offsets index into: the payload's `text` (as the platform's `plugins/builtin/citation_basic/plugin.py`
 * `resolve` checks text spans; the example's citations say the same).
 */
function recordText(payload: string): string | null {
  try {
    const parsed = JSON.parse(payload) as { text?: unknown };
    return typeof parsed.text === "string" ? parsed.text : null;
  } catch {
    return null;
  }
}

/**
 * Pure: one citation against its record as stored. Checks, in order: a record ID; the record exists;
 * `evidence_hash` = sha256(text) (required by `contracts/citation.schema.json`); `record_hash` = sha256(payload
 * column), when given; integer offsets with 0 ≤ start ≤ end ≤ len(text) in code points (Python string indices);
 * `span_sha256` = sha256(text[start:end]), when given. Every problem is listed, not just the first.
 */
export function citationFact(ref: CitationRef, lookup: CorpusLookup | null): CitationFact {
  if (ref.record_id === null) return { record_id: null, found: false, db: null, problems: ["missing_record_id"] };
  if (lookup === null || !lookup.found)
    return {
      record_id: ref.record_id,
      found: false,
      db: null,
      problems: [lookup && lookup.unreadable !== null ? "db_unreadable" : "record_not_found"],
    };
  const { record } = lookup;
  const problems: Problem[] = [];
  const text = recordText(record.payload) ?? "";
  if (ref.evidence_hash === null) problems.push("evidence_hash_missing");
  else if (ref.evidence_hash !== sha256(text)) problems.push("evidence_hash_mismatch");
  if (ref.record_hash !== null && ref.record_hash !== sha256(record.payload)) problems.push("record_hash_mismatch");
  const points = [...text];
  const { offset_start: start, offset_end: end } = ref;
  if (start === null || end === null || !Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start)
    problems.push("offsets_invalid");
  else if (end > points.length) problems.push("offsets_out_of_range");
  else if (ref.span_sha256 !== null && ref.span_sha256 !== sha256(points.slice(start, end).join("")))
    problems.push("span_sha256_mismatch");
  return { record_id: ref.record_id, found: true, db: record.db, problems };
}

/** Every citation of an answer, in claim order, looked up once per record. */
export function checkCitations(
  refs: readonly CitationRef[],
  lookup: (recordId: string) => CorpusLookup,
): CitationFact[] {
  return refs.map((ref) => citationFact(ref, ref.record_id === null ? null : lookup(ref.record_id)));
}
