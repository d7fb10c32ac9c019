import {
  DSSE_PAYLOAD_TYPE,
  DsseEnvelope,
  QualificationStatement,
  type VerifyStepResult,
} from "../../../../contracts/proof-bundle.ts";
import { ENVELOPE_FILE, STATEMENT_FILE } from "../bundle-layout.ts";
import { decodeBase64Strict } from "../strict-base64.ts";
import { issueList, parseCanonicalJson } from "./canonical-bytes.ts";
import type { BundleDir } from "./read-bundle-dir.ts";
import { failed, passed } from "./step-result.ts";

export interface OpenedEnvelope {
  readonly envelope: DsseEnvelope;
  readonly payload: Uint8Array;
  readonly statement: QualificationStatement;
}

/** envelope_parse: the envelope is canonical DSSE JSON carrying an in-toto Statement v1 with our predicate. */
export function stepEnvelope(bundle: BundleDir): { result: VerifyStepResult; opened: OpenedEnvelope | null } {
  const fail = (code: Parameters<typeof failed>[1], file: string, detail: string) => ({
    result: failed("envelope_parse", code, file, detail),
    opened: null,
  });
  const raw = bundle.files.get(ENVELOPE_FILE);
  if (!raw)
    return fail(
      "ENVELOPE_MISSING",
      ENVELOPE_FILE,
      bundle.exists ? `${ENVELOPE_FILE} is missing` : `bundle directory ${bundle.dir} does not exist`,
    );
  const json = parseCanonicalJson(raw);
  if (!json.ok)
    return fail(json.why === "not_json" ? "ENVELOPE_INVALID" : "ENVELOPE_NOT_CANONICAL", ENVELOPE_FILE, json.detail);
  const envelope = DsseEnvelope.safeParse(json.value);
  if (!envelope.success)
    return fail("ENVELOPE_INVALID", ENVELOPE_FILE, `not a DSSE envelope: ${issueList(envelope.error.issues)}`);
  if (envelope.data.payloadType !== DSSE_PAYLOAD_TYPE)
    return fail(
      "PAYLOAD_TYPE_UNSUPPORTED",
      ENVELOPE_FILE,
      `payloadType is ${JSON.stringify(envelope.data.payloadType)}, expected ${DSSE_PAYLOAD_TYPE}`,
    );
  const payload = decodeBase64Strict(envelope.data.payload);
  if (!payload) return fail("PAYLOAD_ENCODING_INVALID", ENVELOPE_FILE, "payload is not canonical standard base64");
  const statementJson = parseCanonicalJson(payload);
  if (!statementJson.ok) return fail("STATEMENT_INVALID", ENVELOPE_FILE, `payload: ${statementJson.detail}`);
  const statement = QualificationStatement.safeParse(statementJson.value);
  if (!statement.success)
    return fail(
      "STATEMENT_INVALID",
      ENVELOPE_FILE,
      `payload is not an in-toto Statement v1 with the qualification predicate: ${issueList(statement.error.issues)}`,
    );
  const copy = bundle.files.get(STATEMENT_FILE);
  if (!copy || !copy.equals(payload))
    return fail(
      "STATEMENT_FILE_MISMATCH",
      STATEMENT_FILE,
      copy ? `${STATEMENT_FILE} differs from the envelope's payload` : `${STATEMENT_FILE} is missing`,
    );
  const s = statement.data;
  return {
    result: passed(
      "envelope_parse",
      `DSSE ${DSSE_PAYLOAD_TYPE} carrying ${s.predicateType} with ${s.subject.length} subject(s)`,
    ),
    opened: { envelope: envelope.data, payload, statement: s },
  };
}
