import { listHashedFiles, type HashedFile } from "./hashed-file-list.ts";
import { compareCodePoints } from "./python-path-order.ts";
import { hashFiles } from "./sha256-directory.ts";

/**
 * `artifact_sha256` under the two algorithms that wrote lockfiles before 2026-02-09 (`rglob` order with raw bytes
 * until 2026-01-28, then the current walk order still with raw bytes). A lock entry that fails the current
 * algorithm but matches one of these was written by older code: report ALGORITHM_VERSION_MISMATCH, not tampering.
 */
export interface LegacyDirectoryDigests {
  /** 2026-01-29 … 2026-02-08: current walk, exclusions and `(casefold, rel)` order; raw bytes. */
  readonly legacy_walk_raw: string;
  /**
   * Up to 2026-01-28 (e.g. branch `dev-harness`): `sorted(root.rglob("*"))`, i.e. `Path` order, compared
   * component by component and case-sensitively (`B.txt` before `a.txt`, `sub/c.md` before `sub.txt`); raw bytes.
   */
  readonly legacy_rglob_raw: string;
}

/** `Path.__lt__` on POSIX: the lists of components, compared element-wise by code point. */
function comparePathParts(a: string, b: string): number {
  const x = a.split("/");
  const y = b.split("/");
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const order = compareCodePoints(x[i]!, y[i]!);
    if (order !== 0) return order;
  }
  return x.length - y.length;
}

/**
 * Assumptions: the rglob-era exclusion rule is not pinned down, so the current one (`__pycache__`, `.pyc`) is
 * applied, which gives the demo tree's expected rglob-era digest; and a symlink anywhere throws
 * SYMLINK_IN_PLUGIN_DIR as with the current algorithm, because such a tree fails the current check before the
 * legacy question is asked.
 */
export async function legacyDirectoryDigests(root: string): Promise<LegacyDirectoryDigests> {
  const files = listHashedFiles(root);
  const raw = { normalize: false, fileDigests: "none" } as const;
  const rglobOrder: HashedFile[] = [...files].sort((a, b) => comparePathParts(a.rel, b.rel));
  const walk = await hashFiles(root, files, raw);
  const rglob = await hashFiles(root, rglobOrder, raw);
  return { legacy_walk_raw: walk.sha256, legacy_rglob_raw: rglob.sha256 };
}
