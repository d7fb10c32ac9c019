import { pythonStrip } from "../../../../shared/json/python-strip.ts";
import { SnapshotNameError } from "../../lock-port.ts";

/**
 * Snapshot names in `config/plugin_locks.history/`: `<ts>_<reason>_<sha12>.json` (`manager.py` `lockfile_snapshot`).
 */
export interface LockHistoryName {
  /** As in the name: UTC ISO time with `-` and `:` removed, e.g. `20260220T155136.323038Z`. */
  readonly ts: string;
  /** The instant, to the millisecond; `microsecond` keeps the full precision of `ts`. */
  readonly at: Date;
  /** Microsecond within the second, 0–999999. */
  readonly microsecond: number;
  /** Free text; may contain spaces and underscores. */
  readonly reason: string;
  /** First 12 hex characters of `sha256_file(lockfile)` (LF-normalised: the lockfile ends in `.json`). */
  readonly sha12: string;
}

export type LockHistoryNameCode =
  "NOT_JSON" | "MISSING_PARTS" | "INVALID_TIMESTAMP" | "INVALID_SHA12" | "INVALID_REASON";

/** Raised only for bad arguments to `formatLockHistoryName`; parsing returns its failures as data. */
export class LockHistoryNameError extends SnapshotNameError {
  constructor(
    readonly code: LockHistoryNameCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = "LockHistoryNameError";
  }
}

export type LockHistoryNameParse =
  | { readonly ok: true; readonly name: LockHistoryName }
  | { readonly ok: false; readonly code: Exclude<LockHistoryNameCode, "INVALID_REASON">; readonly message: string };

const SHA12 = /^[0-9a-f]{12}$/;
const TS = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(?:\.(\d{6}))?Z$/;
const pad = (value: number, width = 2): string => String(value).padStart(width, "0");

/**
 * `PluginManager.lockfile_snapshot`'s name. The timestamp is Python's
 * `datetime.now(timezone.utc).isoformat().replace("+00:00", "Z")` with `:` and `-` removed, so a whole second
 * (microsecond 0) has no fraction at all. The clock is never read here: pass the instant in. `microsecond`
 * supplies precision a Date lacks and must agree with the Date's milliseconds.
 */
export function formatLockHistoryName(input: {
  readonly at: Date;
  readonly microsecond?: number;
  readonly reason: string;
  readonly sha12: string;
}): string {
  const { at } = input;
  if (Number.isNaN(at.getTime())) throw new LockHistoryNameError("INVALID_TIMESTAMP", "invalid Date");
  const microsecond = input.microsecond ?? at.getUTCMilliseconds() * 1000;
  if (
    !Number.isInteger(microsecond) ||
    microsecond < 0 ||
    microsecond > 999_999 ||
    Math.floor(microsecond / 1000) !== at.getUTCMilliseconds()
  ) {
    throw new LockHistoryNameError(
      "INVALID_TIMESTAMP",
      `microsecond ${microsecond} does not match the Date's ${at.getUTCMilliseconds()} ms`,
    );
  }
  if (!SHA12.test(input.sha12))
    throw new LockHistoryNameError(
      "INVALID_SHA12",
      `sha12 must be 12 lower-case hex characters, got ${JSON.stringify(input.sha12)}`,
    );
  const reason = pythonStrip(input.reason) || "snapshot";
  if (/[/\0]/.test(reason))
    throw new LockHistoryNameError("INVALID_REASON", `reason ${JSON.stringify(reason)} cannot be part of a file name`);
  const date = `${pad(at.getUTCFullYear(), 4)}${pad(at.getUTCMonth() + 1)}${pad(at.getUTCDate())}`;
  const time = `${pad(at.getUTCHours())}${pad(at.getUTCMinutes())}${pad(at.getUTCSeconds())}`;
  const fraction = microsecond === 0 ? "" : `.${pad(microsecond, 6)}`;
  return `${date}T${time}${fraction}Z_${reason}_${input.sha12}.json`;
}

/** Splits a snapshot file name: `ts` runs to the first `_`, `sha12` follows the last `_`, `reason` is between. */
export function parseLockHistoryName(fileName: string): LockHistoryNameParse {
  if (!fileName.endsWith(".json")) return { ok: false, code: "NOT_JSON", message: `${fileName} does not end in .json` };
  const stem = fileName.slice(0, -".json".length);
  const first = stem.indexOf("_");
  const last = stem.lastIndexOf("_");
  if (first < 0 || first === last)
    return { ok: false, code: "MISSING_PARTS", message: `${fileName} is not <ts>_<reason>_<sha12>.json` };
  const ts = stem.slice(0, first);
  const sha12 = stem.slice(last + 1);
  const match = TS.exec(ts);
  const [year, month, day, hour, minute, second] = (match?.slice(1, 7) ?? []).map(Number) as number[];
  const microsecond = Number(match?.[7] ?? "0");
  const at = match
    ? new Date(Date.UTC(year!, month! - 1, day!, hour!, minute!, second!, Math.floor(microsecond / 1000)))
    : null;
  if (
    !at ||
    at.getUTCFullYear() !== year! ||
    at.getUTCMonth() !== month! - 1 ||
    at.getUTCDate() !== day! ||
    at.getUTCHours() !== hour! ||
    at.getUTCMinutes() !== minute! ||
    at.getUTCSeconds() !== second!
  ) {
    return {
      ok: false,
      code: "INVALID_TIMESTAMP",
      message: `${JSON.stringify(ts)} is not a UTC timestamp like 20260220T155136.323038Z`,
    };
  }
  if (!SHA12.test(sha12))
    return {
      ok: false,
      code: "INVALID_SHA12",
      message: `${JSON.stringify(sha12)} is not 12 lower-case hex characters`,
    };
  return { ok: true, name: { ts, at, microsecond, reason: stem.slice(first + 1, last), sha12 } };
}
