import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { canonicalJson, sha256Hex } from "../canonical/canonical-json.ts";

/** Entries kept; the oldest beyond this are removed, so a long watch session does not grow the cache. */
const MAX_ENTRIES = 64;

/**
 * Answers of whole-platform commands kept on disk between watch-mode re-runs (each re-run is a new worker
 * process, so memory does not survive it). The key must name every input of the command; the cache itself
 * never decides whether something changed. Any cache trouble (unreadable, corrupt, disk full) just means the
 * command runs again: the cache can make a run faster, never different or failed.
 */
export class AnswerCache {
  constructor(readonly dir: string) {}

  /** The answer stored under `key`, or null when there is none or it does not parse (corrupt, an older shape). */
  get<T>(key: unknown, parse: (stored: unknown) => T | null): T | null {
    const stored = this.read(this.fileOf(key));
    return stored === undefined ? null : parse(stored);
  }

  put(key: unknown, answer: unknown): void {
    this.write(this.fileOf(key), answer);
  }

  private fileOf(key: unknown): string {
    return join(this.dir, `${sha256Hex(canonicalJson(key))}.json`);
  }

  private read(file: string): unknown {
    try {
      return (JSON.parse(readFileSync(file, "utf8")) as { answer?: unknown }).answer;
    } catch {
      return undefined;
    }
  }

  private write(file: string, answer: unknown): void {
    try {
      mkdirSync(this.dir, { recursive: true });
      // Write-then-rename: a concurrent reader sees the old entry or the new one, never half of one.
      const partial = `${file}.${process.pid}.partial`;
      writeFileSync(partial, JSON.stringify({ answer }));
      renameSync(partial, file);
      this.prune();
    } catch {
      // A cache that cannot be written is a slower run, not a failed one.
    }
  }

  private prune(): void {
    const entries = readdirSync(this.dir)
      .filter((name) => name.endsWith(".json"))
      .map((name) => ({ path: join(this.dir, name), mtime: statSync(join(this.dir, name)).mtimeMs }));
    if (entries.length <= MAX_ENTRIES) return;
    entries.sort((a, b) => b.mtime - a.mtime);
    for (const entry of entries.slice(MAX_ENTRIES)) rmSync(entry.path, { force: true });
  }
}
