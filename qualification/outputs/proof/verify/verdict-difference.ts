import { diffJson } from "../../../shared/json/json-pointer.ts";

const MAX_SHOWN = 160;

function shown(value: unknown): string {
  const text = value === undefined ? "(absent)" : JSON.stringify(value);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
}

/**
 * Where a recorded verdict and the re-derived one differ, field by field, with both values: "recorded pass,
 * the evidence gives pass" says nothing when the difference is in a detail or an expected value.
 */
export function verdictDifference(recorded: unknown, derived: unknown): string {
  const diffs = diffJson(recorded, derived);
  if (diffs.length === 0) return "no field differs";
  const listed = diffs
    .slice(0, 5)
    .map((d) => `${d.pointer || "/"}: recorded ${shown(d.left)}, the evidence gives ${shown(d.right)}`);
  return `${listed.join("; ")}${diffs.length > 5 ? `; and ${diffs.length - 5} more field(s)` : ""}`;
}
