import { createHash } from "node:crypto";
import { copyFileSync, createReadStream, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CorpusSource } from "../../contracts/query-run.ts";
import type { QualifyOptions } from "../options/resolve-options.ts";

export interface QueryDirs {
  readonly configDir: string;
  readonly dataDir: string;
  readonly corpus: CorpusSource;
  /** Fresh dirs → the stable names evidence shows instead (same inputs, same bytes). */
  readonly placeholders: ReadonlyArray<readonly [string, string]>;
  cleanup(): void;
}

function sha256OfFile(path: string): Promise<string | null> {
  return new Promise((resolve) => {
    const hash = createHash("sha256");
    createReadStream(path)
      .on("data", (chunk) => hash.update(chunk))
      .on("end", () => resolve(hash.digest("hex")))
      .on("error", () => resolve(null));
  });
}

/**
 * The platform dirs the queries run with. A user-given data dir (AUTOCAPTURE_DATA_DIR) is used in place and only
 * read; otherwise a fresh data dir gets a copy of the corpus DB (QUALIFY_CORPUS_DB, default
 * `<target>/corpus/metadata.db`), so the platform never touches the original. A copy that fails leaves the dir
 * empty: the storage probe then reports it and every query failure is attributed to storage I/O.
 */
export async function prepareQueryDirs(options: QualifyOptions): Promise<QueryDirs> {
  const base = mkdtempSync(join(tmpdir(), "qualify-query-"));
  const placeholders: Array<readonly [string, string]> = [];
  let configDir = options.platformConfigDir;
  if (configDir === null) {
    configDir = join(base, "config");
    mkdirSync(configDir);
    placeholders.push([configDir, "<fresh-config-dir>"]);
  }
  let dataDir = options.platformDataDir;
  let corpus: CorpusSource;
  if (dataDir !== null) corpus = { mode: "data_dir", source: dataDir, sha256: null };
  else {
    dataDir = join(base, "data");
    mkdirSync(dataDir);
    placeholders.push([dataDir, "<query-data-dir>"]);
    if (options.corpusDb === null) corpus = { mode: "empty", source: null, sha256: null };
    else {
      let copied = true;
      try {
        copyFileSync(options.corpusDb, join(dataDir, "metadata.db"));
      } catch {
        copied = false;
      }
      corpus = { mode: "corpus_copy", source: options.corpusDb, sha256: copied ? await sha256OfFile(join(dataDir, "metadata.db")) : null };
    }
  }
  return { configDir, dataDir, corpus, placeholders, cleanup: () => rmSync(base, { recursive: true, force: true }) };
}
