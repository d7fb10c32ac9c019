import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { trackDir } from "../process/run-resources.ts";

export interface PlatformRunDir {
  readonly runDir: string;
  readonly configDir: string;
  readonly dataDir: string;
  readonly workDir: string;
}

/**
 * A fresh dir laid out as the platform's own root is: `config/`, `data/` and the working dir `work/` side by side.
 * The platform writes anchors to `<data_dir>/../anchor` and its filesystem guard allows plugins' relative reads
 * under the data dir's parent (autocapture_nx/kernel/paths.py), so both stay inside this dir. Tracked: the caller
 * removes it (and `untrackDir`s it) when done.
 */
export function platformRunDir(prefix: string): PlatformRunDir {
  const runDir = trackDir(mkdtempSync(join(tmpdir(), prefix)));
  const [configDir, dataDir, workDir] = ["config", "data", "work"].map((name) => {
    const dir = join(runDir, name);
    mkdirSync(dir);
    return dir;
  }) as [string, string, string];
  return { runDir, configDir, dataDir, workDir };
}
