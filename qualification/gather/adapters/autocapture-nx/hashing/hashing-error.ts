import type { ReasonCode } from "../../../../../contracts/reason-codes.ts";

/** Codes are a subset of the run's reason codes so a caller can copy them into a verdict unchanged. */
export type HashingErrorCode = Extract<ReasonCode, "SYMLINK_IN_PLUGIN_DIR" | "HASH_IO_ERROR">;

export interface HashingErrorInit {
  readonly code: HashingErrorCode;
  /** Root of the hashed directory, or the hashed file itself. */
  readonly root: string;
  /** First offending path relative to `root` ("" when the root itself is at fault), `/`-separated. */
  readonly rel: string;
  /** Every offending relative path, in platform order, so a report can list them all at once. */
  readonly rels?: readonly string[];
  /** What the Python platform raises in the same situation, for pattern matching against its error log. */
  readonly platformError: string;
  /** errno code (`EACCES`, `ENOENT`, …) or `EILSEQ` for a name that is not UTF-8. */
  readonly errno?: string;
  readonly cause?: unknown;
}

/**
 * A directory or file that cannot be hashed the way the platform hashes it. Thrown (not returned) because the
 * hashing functions return digests; the lock-hash check catches it and turns it into a failing verdict.
 */
export class HashingError extends Error {
  readonly code: HashingErrorCode;
  readonly root: string;
  readonly rel: string;
  readonly rels: readonly string[];
  readonly platformError: string;
  readonly errno: string | null;

  constructor(init: HashingErrorInit) {
    const where = init.rel === "" ? init.root : `${init.root} › ${init.rel}`;
    super(
      `${init.code}: ${where}: ${init.platformError}`,
      init.cause === undefined ? undefined : { cause: init.cause },
    );
    this.name = "HashingError";
    this.code = init.code;
    this.root = init.root;
    this.rel = init.rel;
    this.rels = init.rels ?? [init.rel];
    this.platformError = init.platformError;
    this.errno = init.errno ?? null;
  }
}

export function isHashingError(error: unknown): error is HashingError {
  return error instanceof HashingError;
}

/** Wraps an fs exception; an already-typed HashingError passes through unchanged. */
export function ioError(root: string, rel: string, error: unknown): HashingError {
  if (error instanceof HashingError) return error;
  const errno = (error as NodeJS.ErrnoException | null)?.code ?? "EIO";
  const message = error instanceof Error ? error.message : String(error);
  return new HashingError({ code: "HASH_IO_ERROR", root, rel, platformError: message, errno, cause: error });
}
