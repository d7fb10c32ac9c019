import { stableJson } from "../../../shared/canonical/canonical-json.ts";

export type ParsedJson =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly why: "not_json" | "not_canonical"; readonly detail: string };

/**
 * JSON that must be exactly as the suite writes it (`stableJson`): the same bytes back after a parse and a
 * re-serialisation. This rejects whitespace changes, reordered or duplicate keys, and invalid UTF-8.
 */
export function parseCanonicalJson(bytes: Uint8Array): ParsedJson {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(bytes).toString("utf8"));
  } catch (error) {
    return { ok: false, why: "not_json", detail: `not JSON: ${(error as Error).message}` };
  }
  if (!Buffer.from(stableJson(value), "utf8").equals(Buffer.from(bytes)))
    return {
      ok: false,
      why: "not_canonical",
      detail: "not in canonical form (bytes differ from the canonical serialisation of their content)",
    };
  return { ok: true, value };
}

/** zod issues as `path: message` lines. */
export const issueList = (issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): string =>
  issues
    .slice(0, 5)
    .map((i) => `/${i.path.map(String).join("/")}: ${i.message}`)
    .join("; ");
