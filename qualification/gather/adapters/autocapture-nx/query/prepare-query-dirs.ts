import { createHash } from "node:crypto";
import {
  copyFileSync,
  createReadStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CorpusSource } from "../../../../../contracts/query-run.ts";
import { deepMerge, isPlainObject } from "../../../../shared/json/deep-merge.ts";
import type { QualifyOptions } from "../../../../shared/options/resolve-options.ts";
import { autocaptureSettings } from "../autocapture-environment.ts";
import { trackDir, untrackDir } from "../../../../shared/process/run-resources.ts";

export interface QueryDirs {
  readonly configDir: string;
  /** The platform's working directory: scratch, never the target (it writes files relative to it). */
  readonly workDir: string;
  /**
   * One data dir per concurrent query: the platform holds an exclusive instance lock on its data dir for the
   * whole query (`instance_lock_held` for a second one), so two queries never share one. A user-given data dir
   * is the only one (queries then run one at a time).
   */
  readonly dataDirs: readonly string[];
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

/** What QUALIFY_QUERY_HOSTING=inproc adds to the run's user.json (the env override sets the mode itself). */
const INPROC_USER_CONFIG = { plugins: { hosting: { inproc_allow_all: true } } };

/**
 * The platform dirs the queries run with. The config dir is always fresh: the platform may write user.json
 * (auto-quarantine), so the user's own (AUTOCAPTURE_CONFIG_DIR) is copied, never used in place; with
 * QUALIFY_QUERY_HOSTING=inproc its user.json also allows every plugin inproc. A user-given data dir is used in
 * place (it is the corpus) and only read by the suite; otherwise each worker gets a fresh data dir with a copy
 * of the corpus DB (QUALIFY_CORPUS_DB, default `<target>/corpus/metadata.db`). A copy that fails leaves the dir
 * empty: the storage probe then reports it.
 */
export async function prepareQueryDirs(options: QualifyOptions, workers: number): Promise<QueryDirs> {
  const base = trackDir(mkdtempSync(join(tmpdir(), "qualify-query-")));
  const cleanup = (): void => {
    rmSync(base, { recursive: true, force: true });
    untrackDir(base);
  };
  const placeholders: Array<readonly [string, string]> = [];
  const configDir = join(base, "config");
  mkdirSync(configDir);
  placeholders.push([configDir, "<query-config-dir>"]);
  const workDir = join(base, "work");
  mkdirSync(workDir);
  placeholders.push([workDir, "<scratch-dir>"]);
  writeUserConfig(configDir, options);
  const givenDataDir = autocaptureSettings(options).platformDataDir;
  if (givenDataDir !== null) {
    return {
      configDir,
      workDir,
      dataDirs: [givenDataDir],
      corpus: { mode: "data_dir", source: givenDataDir, sha256: null },
      placeholders,
      cleanup,
    };
  }
  const dataDirs: string[] = [];
  let copied = options.corpusDb !== null;
  for (let worker = 0; worker < Math.max(1, workers); worker++) {
    const dataDir = join(base, `data-${worker + 1}`);
    mkdirSync(dataDir);
    dataDirs.push(dataDir);
    placeholders.push([dataDir, "<query-data-dir>"]);
    if (options.corpusDb === null) continue;
    try {
      copyFileSync(options.corpusDb, join(dataDir, "metadata.db"));
    } catch {
      copied = false;
    }
  }
  const corpus: CorpusSource =
    options.corpusDb === null
      ? { mode: "empty", source: null, sha256: null }
      : {
          mode: "corpus_copy",
          source: options.corpusDb,
          sha256: copied ? await sha256OfFile(join(dataDirs[0]!, "metadata.db")) : null,
        };
  return { configDir, workDir, dataDirs, corpus, placeholders, cleanup };
}

function writeUserConfig(configDir: string, options: QualifyOptions): void {
  const givenConfigDir = autocaptureSettings(options).platformConfigDir;
  const given = givenConfigDir === null ? null : join(givenConfigDir, "user.json");
  const target = join(configDir, "user.json");
  if (options.queryHosting !== "inproc") {
    if (given && existsSync(given)) copyFileSync(given, target);
    return;
  }
  let user: unknown = {};
  try {
    user = given && existsSync(given) ? JSON.parse(readFileSync(given, "utf8")) : {};
  } catch {
    // An unreadable user.json is the config check's finding; the queries get the platform's refusal of it too.
    if (given) copyFileSync(given, target);
    return;
  }
  writeFileSync(target, `${JSON.stringify(deepMerge(isPlainObject(user) ? user : {}, INPROC_USER_CONFIG), null, 2)}\n`);
}
