import { createHash } from "node:crypto";
import { close, closeSync, fstatSync, open, openSync, read, readSync } from "node:fs";
import { promisify } from "node:util";
import { ioError } from "./hashing-error.ts";
import { NewlineNormalizer } from "./newline-normalizer.ts";

/** Suffixes whose line endings the platform normalises before hashing (kernel/hashing.py). */
export const NORMALIZED_SUFFIXES: ReadonlySet<string> = new Set([
  ".py",
  ".pyi",
  ".json",
  ".md",
  ".txt",
  ".toml",
  ".yaml",
  ".yml",
  ".ini",
  ".cfg",
  ".ps1",
  ".sh",
  ".csv",
  ".tsv",
]);

/**
 * Directory hashing reads files up to this size with synchronous calls (cheaper than a thread-pool round trip
 * per read) and streams anything larger; it is also the sync reader's buffer size.
 */
export const SMALL_FILE_MAX = 1024 * 1024;
const STREAM_CHUNK = 1024 * 1024;

/** Anything that can absorb bytes in order: a `Hash`, or several of them. */
export interface ByteSink {
  update(data: Uint8Array): unknown;
}

export interface FileHashOptions {
  /** Hash the bytes as stored, as the platform did before LF normalisation arrived on 2026-02-09. */
  readonly raw?: boolean;
}

/**
 * Python `PurePath(p).suffix`: the last component's text from its last dot, but only when that dot is neither
 * the first nor the last character (`.json` and `file.` have no suffix).
 */
export function pythonSuffix(pathOrName: string): string {
  const trimmed = pathOrName.replace(/\/+$/, "");
  const name = trimmed.slice(trimmed.lastIndexOf("/") + 1);
  const dot = name.lastIndexOf(".");
  return dot > 0 && dot < name.length - 1 ? name.slice(dot) : "";
}

/**
 * Whether the platform LF-normalises a file with this name. `toLowerCase` stands in for Python's `str.lower`:
 * they differ only where a non-ASCII character lowers to ASCII (KELVIN SIGN → `k`), and no listed suffix has a `k`.
 */
export function normalizesSuffix(pathOrName: string): boolean {
  return NORMALIZED_SUFFIXES.has(pythonSuffix(pathOrName).toLowerCase());
}

const normalizerFor = (path: string, options: FileHashOptions): NewlineNormalizer | null =>
  !options.raw && normalizesSuffix(path) ? new NewlineNormalizer() : null;

function emit(sinks: readonly ByteSink[], bytes: Uint8Array): void {
  if (bytes.length === 0) return;
  for (const sink of sinks) sink.update(bytes);
}

/**
 * Feeds an open file into every sink until EOF. `scratch` is reused across calls, which is safe because
 * `Hash.update` copies before returning. With `stopAfterFullRead`, returns "more" as soon as one read fills
 * `scratch`: the caller then knows the file is large without an extra `fstat`, and can stream the rest.
 * The normalizer carries CR state across calls, so handing a file from this function to `feedFdAsync` is seamless.
 */
export function feedFdSync(
  fd: number,
  normalizer: NewlineNormalizer | null,
  sinks: readonly ByteSink[],
  scratch: Buffer,
  stopAfterFullRead = false,
): "eof" | "more" {
  for (;;) {
    const read = readSync(fd, scratch, 0, scratch.length, null);
    if (read === 0) return "eof";
    const chunk = scratch.subarray(0, read);
    emit(sinks, normalizer ? normalizer.push(chunk) : chunk);
    if (stopAfterFullRead && read === scratch.length) return "more";
  }
}

const readAsync = promisify(read);
const openAsync = promisify(open);
const closeAsync = promisify(close);

/** Streaming counterpart for large files: one chunk in memory at a time, and the event loop stays free. */
export async function feedFdAsync(
  fd: number,
  normalizer: NewlineNormalizer | null,
  sinks: readonly ByteSink[],
): Promise<void> {
  const buffer = Buffer.allocUnsafe(STREAM_CHUNK);
  for (;;) {
    const { bytesRead } = await readAsync(fd, buffer, 0, buffer.length, null);
    if (bytesRead === 0) return;
    const chunk = buffer.subarray(0, bytesRead);
    emit(sinks, normalizer ? normalizer.push(chunk) : chunk);
  }
}

/** Python `sha256_file(path)`: lowercase hex SHA-256, LF-normalised for the listed suffixes. */
export function sha256FileSync(path: string, options: FileHashOptions = {}): string {
  const hash = createHash("sha256");
  let fd: number | null = null;
  try {
    fd = openSync(path, "r");
    const size = fstatSync(fd).size;
    const scratch = Buffer.allocUnsafe(Math.min(Math.max(size, 1), SMALL_FILE_MAX));
    feedFdSync(fd, normalizerFor(path, options), [hash], scratch);
  } catch (error) {
    throw ioError(path, "", error);
  } finally {
    if (fd !== null) closeSync(fd);
  }
  return hash.digest("hex");
}

/** Async `sha256_file`, streamed so a large file never sits in memory whole. */
export async function sha256File(path: string, options: FileHashOptions = {}): Promise<string> {
  const hash = createHash("sha256");
  let fd: number | null = null;
  try {
    fd = await openAsync(path, "r");
    await feedFdAsync(fd, normalizerFor(path, options), [hash]);
  } catch (error) {
    throw ioError(path, "", error);
  } finally {
    if (fd !== null) await closeAsync(fd);
  }
  return hash.digest("hex");
}
