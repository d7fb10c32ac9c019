import { pythonUtf8Error } from "./python-utf8.ts";
import { lstatSync, readFileSync } from "node:fs";
import type { Fault } from "../../../contracts/evidence.ts";
import type { FaultCode, JsonFileKind } from "../../../contracts/fault-codes.ts";

export const MAX_JSON_BYTES = 32 * 1024 * 1024;

export type JsonRead =
  | { readonly ok: true; readonly value: Record<string, unknown>; readonly bytes: Buffer }
  | { readonly ok: false; readonly fault: Fault; readonly bytes: Buffer | null };

function fault(code: FaultCode, detail: string, file: string, pointer?: string): Fault {
  return { code, detail, file, issues: pointer === undefined ? [] : [{ pointer, message: detail }] };
}

/** 1-based line/column of a byte offset, so a parse error points where an editor would. */
function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  return `line ${line} column ${column}`;
}

/** What `json.loads(path.read_text(encoding="utf-8"))` raises on a leading BOM, verbatim. */
export const PYTHON_BOM_ERROR = "Unexpected UTF-8 BOM (decode using utf-8-sig): line 1 column 1 (char 0)";

/**
 * Reads a JSON object file defensively: symlinks, non-files, oversized files, bad UTF-8 JSON and non-objects
 * all come back as a Fault (with `displayPath` as the file) instead of an exception. Every caller reads a file
 * the platform itself reads with `read_text(encoding="utf-8")` + `json.loads`, which rejects a leading UTF-8
 * BOM; so does this, with the platform's words, or we would pass a file the platform refuses.
 */
export function readJsonObjectFile(
  absPath: string,
  displayPath: string,
  codePrefix: JsonFileKind,
  maxBytes: number = MAX_JSON_BYTES,
): JsonRead {
  let bytes: Buffer;
  try {
    const stat = lstatSync(absPath);
    if (stat.isSymbolicLink())
      return {
        ok: false,
        bytes: null,
        fault: fault(`${codePrefix}_UNREADABLE`, `${displayPath} is a symlink; refusing to follow it`, displayPath),
      };
    if (!stat.isFile())
      return {
        ok: false,
        bytes: null,
        fault: fault(`${codePrefix}_UNREADABLE`, `${displayPath} is not a regular file`, displayPath),
      };
    // Checked before a byte is read: an oversized file costs a stat, not its size in time and memory.
    if (stat.size > maxBytes)
      return {
        ok: false,
        bytes: null,
        fault: fault(
          `${codePrefix}_TOO_LARGE`,
          `${displayPath} is ${stat.size} bytes, over the ${maxBytes}-byte limit the suite reads`,
          displayPath,
        ),
      };
    bytes = readFileSync(absPath);
  } catch (error) {
    const code: FaultCode =
      (error as NodeJS.ErrnoException).code === "ENOENT" ? `${codePrefix}_MISSING` : `${codePrefix}_UNREADABLE`;
    return { ok: false, bytes: null, fault: fault(code, `${displayPath}: ${(error as Error).message}`, displayPath) };
  }
  // Python's `open(path, encoding="utf-8")` refuses the whole file at its first invalid byte; so does this.
  const invalid = pythonUtf8Error(bytes);
  if (invalid !== null)
    return {
      ok: false,
      bytes,
      fault: fault(`${codePrefix}_UNREADABLE`, `${displayPath} is not valid UTF-8: ${invalid}`, displayPath),
    };
  const text = bytes.toString("utf8");
  if (text.charCodeAt(0) === 0xfeff)
    return {
      ok: false,
      bytes,
      fault: fault(
        `${codePrefix}_INVALID_JSON`,
        `${displayPath}: invalid JSON (line 1 column 1): ${PYTHON_BOM_ERROR}`,
        displayPath,
      ),
    };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    const where = position ? ` (${lineColumn(text, Number(position[1]))})` : "";
    return {
      ok: false,
      bytes,
      fault: fault(`${codePrefix}_INVALID_JSON`, `${displayPath}: invalid JSON${where}: ${message}`, displayPath),
    };
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    const kind = value === null ? "null" : Array.isArray(value) ? "an array" : typeof value;
    return {
      ok: false,
      bytes,
      fault: fault(
        `${codePrefix}_NOT_OBJECT`,
        `${displayPath}: top level is ${kind}, expected an object`,
        displayPath,
        "",
      ),
    };
  }
  return { ok: true, value: value as Record<string, unknown>, bytes };
}
