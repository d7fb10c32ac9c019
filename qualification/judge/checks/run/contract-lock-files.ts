import type { Verdict } from "../../../../contracts/verdict.ts";
import { fail, pass } from "../verdicts.ts";
import type { RunCheckInput } from "./run-check-input.ts";

/** Every file the contract lock lists still has the digest it records. */
export function judgeContractLockFiles({ run }: RunCheckInput): Verdict {
  const files = run.lockfile.contract_files;
  const drifted = files.filter((f) => f.actual !== f.expected);
  if (drifted.length === 0) return pass(`contracts/lock.json lists ${files.length} file(s), all matching`);
  return fail(
    "CONTRACT_LOCK_FILES_MISMATCH",
    `contract files changed since contracts/lock.json was written: ${drifted.map((f) => f.rel).join(", ")}`,
    {
      platform_error: `contract lock mismatch: hash_mismatch:${drifted[0]!.rel}`,
      expected: drifted.map((f) => ({ rel: f.rel, sha256: f.expected })),
      actual: drifted.map((f) => ({ rel: f.rel, sha256: f.actual })),
    },
  );
}
