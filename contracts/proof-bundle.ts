import { z } from "zod";
import { FinalReport } from "./final-report.ts";

/**
 * The proof bundle (`QUALIFY_OUT/proof/`): data files, an in-toto Statement v1 over them, and a DSSE envelope
 * carrying that statement. Versioned media types, as sigstore does; the predicate type is our own URI.
 */
export const IN_TOTO_STATEMENT_TYPE = "https://in-toto.io/Statement/v1";
export const DSSE_PAYLOAD_TYPE = "application/vnd.in-toto+json";
export const QUALIFICATION_PREDICATE_TYPE = "https://plugin-qualification.dev/qualification/v1";

const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

export const DsseSignature = z.object({ keyid: z.string(), sig: z.string() }).strict();

/** DSSE envelope: `payload` and `sig` are standard base64; signatures are over PAE(payloadType, payload bytes). */
export const DsseEnvelope = z
  .object({ payloadType: z.string(), payload: z.string(), signatures: z.array(DsseSignature) })
  .strict();
export type DsseEnvelope = z.infer<typeof DsseEnvelope>;

/** A bundle file. */
export const FileSubject = z.object({ name: z.string(), digest: z.object({ sha256: Sha256Hex }).strict() }).strict();
export type FileSubject = z.infer<typeof FileSubject>;

/** The name of the subject that is the target's commit, not a file. */
export const COMMIT_SUBJECT = "target-commit";

/**
 * The qualified target's commit as an in-toto subject (digest algorithm `gitCommit`), present when the target
 * is a git checkout: tools that look attestations up by commit find the bundle, and the signature covers it.
 */
export const CommitSubject = z
  .object({
    name: z.literal(COMMIT_SUBJECT),
    digest: z.object({ gitCommit: z.string().regex(/^([0-9a-f]{40}|[0-9a-f]{64})$/) }).strict(),
  })
  .strict();
export type CommitSubject = z.infer<typeof CommitSubject>;

export const StatementSubject = z.union([FileSubject, CommitSubject]);
export type StatementSubject = z.infer<typeof StatementSubject>;

/** Which part of a sharded qualification a bundle covers (`pnpm test:qualify --shard index/count`). */
export const ShardRef = z.object({ index: z.number().int().min(1), count: z.number().int().min(1) }).strict();
export type ShardRef = z.infer<typeof ShardRef>;

export const QualificationPredicate = z
  .object({
    schema_version: z.literal(1),
    /**
     * Null for a complete qualification. A partial bundle holds only shard `index`'s plugins (and the run checks
     * when index is 1), with the full canonical inventory; `verify` accepts it only with `--partial`, and
     * `pnpm qualify merge` turns all `count` partials into one complete bundle.
     */
    shard: ShardRef.nullable(),
    ok: z.boolean(),
    /** False when no signing key was configured: the envelope then carries no signature, never a fake one. */
    signed: z.boolean(),
    summary: FinalReport.shape.summary,
    /** Canonical plugins × checks; equals `summary.tests_emitted`. */
    tests_emitted: z.number().int(),
    inventory_sha256: Sha256Hex,
    lockfile_sha256: Sha256Hex.nullable(),
    target: FinalReport.shape.target,
    platform: FinalReport.shape.platform,
    /** Subjects allowed to differ between two runs on the same inputs (the run section). */
    nondeterministic_files: z.array(z.string()),
  })
  .strict();
export type QualificationPredicate = z.infer<typeof QualificationPredicate>;

export const QualificationStatement = z
  .object({
    _type: z.literal(IN_TOTO_STATEMENT_TYPE),
    subject: z.array(StatementSubject).min(1),
    predicateType: z.literal(QUALIFICATION_PREDICATE_TYPE),
    predicate: QualificationPredicate,
  })
  .strict();
export type QualificationStatement = z.infer<typeof QualificationStatement>;

/** `versions.json`: what produced the bundle and what it is about. */
export const BundleVersions = z
  .object({
    schema_version: z.literal(1),
    tool_version: z.string(),
    node_version: z.string(),
    platform: FinalReport.shape.platform,
    target: FinalReport.shape.target,
  })
  .strict();
export type BundleVersions = z.infer<typeof BundleVersions>;

/**
 * `shards.json`, in a bundle made by `pnpm qualify merge`: which signed partials it was merged from. Each
 * partial's statement digest pins every file that partial held; an optional file the partials carried with
 * different bytes (per-shard telemetry, say) cannot travel as one file, so it stays attested here only.
 */
export const ShardProvenance = z
  .object({
    schema_version: z.literal(1),
    count: z.number().int().min(1),
    shards: z.array(
      z
        .object({
          index: z.number().int().min(1),
          /** sha256 of the partial's statement.json (its DSSE payload). */
          statement_sha256: Sha256Hex,
          keyids: z.array(z.string()),
          run: FinalReport.shape.run,
          optional_files: z.record(z.string(), Sha256Hex),
        })
        .strict(),
    ),
    /** Optional files carried into this bundle (every partial holding one agreed on its bytes). */
    carried: z.array(z.string()),
    /** Optional files whose partials' copies differ: attested above by digest, not carried. */
    not_carried: z.array(z.string()),
  })
  .strict();
export type ShardProvenance = z.infer<typeof ShardProvenance>;

/** `pnpm qualify verify` runs these steps, in this order, and reports each one. */
export const VERIFY_STEPS = ["envelope_parse", "signature", "subjects", "completeness", "rejudge", "target"] as const;
export const VerifyStepId = z.enum(VERIFY_STEPS);
export type VerifyStepId = z.infer<typeof VerifyStepId>;

/** Closed result codes of the verify steps. Tests assert these, never the prose. */
export const VERIFY_CODES = [
  "OK",
  // any step that could not run because an earlier one failed
  "BLOCKED",
  // envelope_parse
  "ENVELOPE_MISSING",
  "ENVELOPE_INVALID",
  "ENVELOPE_NOT_CANONICAL",
  "PAYLOAD_TYPE_UNSUPPORTED",
  "PAYLOAD_ENCODING_INVALID",
  "STATEMENT_INVALID",
  "STATEMENT_FILE_MISMATCH",
  // signature
  "UNSIGNED",
  "UNSIGNED_ALLOWED",
  "SIGNATURES_STRIPPED",
  "SIGNED_BUT_DECLARED_UNSIGNED",
  "PUBLIC_KEY_REQUIRED",
  "PUBLIC_KEY_INVALID",
  "KEYID_MISMATCH",
  "SIGNATURE_INVALID",
  // subjects
  "SUBJECT_NAME_INVALID",
  "SUBJECT_DUPLICATE",
  "SUBJECT_MISSING",
  "DIGEST_MISMATCH",
  "UNLISTED_FILE",
  "COMMIT_SUBJECT_MISMATCH",
  // completeness and rejudge
  "FILE_INVALID",
  "RESULT_MISSING",
  "RESULT_DUPLICATE",
  "RESULT_EXTRA",
  "INVENTORY_DIGEST_MISMATCH",
  "SUMMARY_MISMATCH",
  "PREDICATE_MISMATCH",
  "EVIDENCE_MISSING",
  "VERDICT_MISMATCH",
  // a partial (shard) bundle presented as a complete qualification, without --partial
  "PARTIAL_BUNDLE",
  // target
  "NOT_REQUESTED",
  "TARGET_MISMATCH",
  "COMMIT_MISMATCH",
] as const;
export const VerifyCode = z.enum(VERIFY_CODES);
export type VerifyCode = z.infer<typeof VerifyCode>;

export const VerifyProblem = z.object({ code: VerifyCode, file: z.string().nullable(), detail: z.string() }).strict();
export type VerifyProblem = z.infer<typeof VerifyProblem>;

export const VerifyStepResult = z
  .object({
    step: VerifyStepId,
    /** `skip` only for an optional step that was not requested (target without --target/--commit). */
    status: z.enum(["pass", "fail", "skip"]),
    /** The first problem's code, or OK / UNSIGNED_ALLOWED / NOT_REQUESTED. */
    code: VerifyCode,
    detail: z.string(),
    /** Every problem the step found, in one pass. */
    problems: z.array(VerifyProblem),
  })
  .strict();
export type VerifyStepResult = z.infer<typeof VerifyStepResult>;

export const VerifyReport = z
  .object({ schema_version: z.literal(1), ok: z.boolean(), bundle: z.string(), steps: z.array(VerifyStepResult) })
  .strict();
export type VerifyReport = z.infer<typeof VerifyReport>;

/** Closed reason codes of `pnpm qualify merge`. Tests assert these, never the prose. */
export const MERGE_CODES = [
  "OK",
  // a partial that does not verify on its own (signature, subjects, completeness of its shard, re-judge)
  "PARTIAL_INVALID",
  // a complete bundle, or one whose shard is not i/n with 1 ≤ i ≤ n
  "NOT_PARTIAL",
  // partials of different qualifications: another inventory, target, commit, tool, or shard count
  "FOREIGN_INVENTORY",
  "FOREIGN_TARGET",
  "FOREIGN_TOOL",
  "SHARD_COUNT_MISMATCH",
  // the run-level evidence (config, lockfile, platform CLI output) differs between partials
  "RUN_EVIDENCE_MISMATCH",
  // coverage of shards 1..n and of every canonical plugin × check
  "SHARD_MISSING",
  "SHARD_DUPLICATE",
  "RESULT_MISSING",
  "RESULT_DUPLICATE",
  "RESULT_EXTRA",
  "EVIDENCE_MISSING",
  // the merged bundle failed its own verification: a bug, never an accepted result
  "MERGED_INVALID",
] as const;
export const MergeCode = z.enum(MERGE_CODES);
export type MergeCode = z.infer<typeof MergeCode>;

export const MergeProblem = z.object({ code: MergeCode, partial: z.string().nullable(), detail: z.string() }).strict();
export type MergeProblem = z.infer<typeof MergeProblem>;

export const MergeReport = z
  .object({
    schema_version: z.literal(1),
    ok: z.boolean(),
    /** The first problem's code, or OK. */
    code: MergeCode,
    partials: z.array(
      z
        .object({
          dir: z.string(),
          shard: ShardRef.nullable(),
          /** The partial's own verify result (`verify --partial`): OK, or the failed steps' codes. */
          verify: z.array(z.string()),
        })
        .strict(),
    ),
    problems: z.array(MergeProblem),
    /** The merged bundle directory, when one was written. */
    bundle: z.string().nullable(),
  })
  .strict();
export type MergeReport = z.infer<typeof MergeReport>;
