import { z } from "zod";
import { REASON_CODES, type ReasonCode } from "./reason-codes.ts";

/**
 * Closed codes of a `Fault` (contracts/evidence.ts): why a piece of evidence could not be gathered or read.
 * Reason codes say what a verdict found; fault codes say what stopped the gathering. Many are reason codes
 * (a manifest's MANIFEST_SCHEMA, a CLI_TIMEOUT); the rest name a file the suite reads and what was wrong with it.
 */

/** The JSON files the suite reads itself, each a code prefix: `<FILE>_<PROBLEM>`. */
export const JSON_FILE_KINDS = ["CONFIG", "MANIFEST", "MANIFEST_SCHEMA_FILE", "CONTRACT_LOCK", "LOCKFILE"] as const;
export const JSON_FILE_PROBLEMS = [
  "MISSING",
  "UNREADABLE",
  "TOO_LARGE",
  "INVALID_JSON",
  "NOT_OBJECT",
  "SCHEMA",
] as const;
export type JsonFileKind = (typeof JSON_FILE_KINDS)[number];
export type JsonFileFaultCode = `${JsonFileKind}_${(typeof JSON_FILE_PROBLEMS)[number]}`;
const JSON_FILE_FAULT_CODES = JSON_FILE_KINDS.flatMap((kind) =>
  JSON_FILE_PROBLEMS.map((problem) => `${kind}_${problem}` as const),
) as JsonFileFaultCode[];

export const FAULT_CODES = [...new Set([...REASON_CODES, ...JSON_FILE_FAULT_CODES])] as [
  (typeof REASON_CODES)[number] | JsonFileFaultCode,
  ...((typeof REASON_CODES)[number] | JsonFileFaultCode)[],
];
export const FaultCode = z.enum(FAULT_CODES);
export type FaultCode = z.infer<typeof FaultCode>;

/** Why a platform command gave no usable answer: what `CommandEvidence.fault` can say (each its own reason code). */
export const COMMAND_FAULT_CODES = [
  "CLI_TIMEOUT",
  "CLI_FAILED",
  "CLI_OUTPUT_INVALID",
  "ENVIRONMENT_ERROR",
] as const satisfies readonly ReasonCode[];
/** Why a plugin directory could not be hashed (`hashes.fault`). */
export const HASH_FAULT_CODES = ["SYMLINK_IN_PLUGIN_DIR", "HASH_IO_ERROR"] as const satisfies readonly ReasonCode[];
/**
 * Why the suite's own machinery (probe runner, probe hosts, a command it ran) could not answer for a plugin
 * (`runtime_fault`, `registration_fault`): always infrastructure, reported with its own reason code.
 */
export const MACHINERY_FAULT_CODES = [
  "RUNNER_API",
  "RUNNER_CRASHED",
  "RUNNER_OUTPUT_INVALID",
  "INTERPRETER_UNUSABLE",
  "PROBE_TIMEOUT",
  "PROBE_LOAD_DIVERGED",
  ...COMMAND_FAULT_CODES,
] as const satisfies readonly ReasonCode[];
