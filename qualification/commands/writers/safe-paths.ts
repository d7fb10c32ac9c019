import { accessSync, constants, lstatSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import { WriteRefusal } from "./write-refusal.ts";

const errnoOf = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? "EIO";

/**
 * The bytes of a file a writer is about to replace or archive. A symlink is refused rather than followed: the
 * archive would record the link's target while the write replaced the link, and the two would disagree.
 */
export function readWritableFile(path: string, display: string): Buffer {
  let stat;
  try {
    stat = lstatSync(path);
  } catch (error) {
    const errno = errnoOf(error);
    if (errno === "ENOENT") throw new WriteRefusal("TARGET_FILE_MISSING", `${display} does not exist`, display);
    throw new WriteRefusal("TARGET_FILE_UNREADABLE", `${display}: cannot stat (${errno})`, display);
  }
  if (stat.isSymbolicLink())
    throw new WriteRefusal("TARGET_FILE_SYMLINK", `${display} is a symlink; refusing to write through it`, display);
  if (!stat.isFile()) throw new WriteRefusal("TARGET_FILE_UNREADABLE", `${display} is not a regular file`, display);
  try {
    accessSync(dirname(path), constants.W_OK);
    return readFileSync(path);
  } catch (error) {
    throw new WriteRefusal(
      "TARGET_FILE_UNREADABLE",
      `${display}: cannot read it or write its directory (${errnoOf(error)})`,
      display,
    );
  }
}

/** Null when absent; a refusal when present but a symlink or not a regular file. */
export function readOptionalFile(
  path: string,
  display: string,
  symlinkCode: "TARGET_FILE_SYMLINK" | "SIGNATURE_SYMLINK",
): Buffer | null {
  let stat;
  try {
    stat = lstatSync(path);
  } catch (error) {
    if (errnoOf(error) === "ENOENT") return null;
    throw new WriteRefusal("TARGET_FILE_UNREADABLE", `${display}: cannot stat (${errnoOf(error)})`, display);
  }
  if (stat.isSymbolicLink())
    throw new WriteRefusal(symlinkCode, `${display} is a symlink; refusing to write through it`, display);
  if (!stat.isFile()) throw new WriteRefusal("TARGET_FILE_UNREADABLE", `${display} is not a regular file`, display);
  return readFileSync(path);
}

/**
 * The archive directory must be a real, writable directory, or be creatable in a real, writable parent. It is
 * checked before anything is written, so "cannot archive" never leaves a half-done change behind.
 */
export function assertArchiveDir(dir: string, display: string): void {
  let stat;
  try {
    stat = lstatSync(dir);
  } catch (error) {
    if (errnoOf(error) !== "ENOENT")
      throw new WriteRefusal("HISTORY_DIR_NOT_WRITABLE", `${display}: cannot stat (${errnoOf(error)})`, display);
    const parent = dirname(dir);
    try {
      const parentStat = lstatSync(parent);
      if (parentStat.isSymbolicLink() || !parentStat.isDirectory())
        throw new WriteRefusal(
          "HISTORY_DIR_NOT_WRITABLE",
          `${display} is missing and its parent is not a real directory`,
          display,
        );
      accessSync(parent, constants.W_OK);
    } catch (inner) {
      if (inner instanceof WriteRefusal) throw inner;
      throw new WriteRefusal(
        "HISTORY_DIR_NOT_WRITABLE",
        `${display} is missing and cannot be created (${errnoOf(inner)})`,
        display,
      );
    }
    return;
  }
  if (stat.isSymbolicLink())
    throw new WriteRefusal(
      "HISTORY_DIR_SYMLINK",
      `${display} is a symlink; the archive must be a real directory`,
      display,
    );
  if (!stat.isDirectory())
    throw new WriteRefusal("HISTORY_DIR_NOT_WRITABLE", `${display} exists but is not a directory`, display);
  try {
    accessSync(dir, constants.W_OK | constants.X_OK);
  } catch (error) {
    throw new WriteRefusal("HISTORY_DIR_NOT_WRITABLE", `${display} is not writable (${errnoOf(error)})`, display);
  }
}
