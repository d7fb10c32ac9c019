import { join } from "node:path";
import { expect, test } from "vitest";
import { SUITE_ROOT } from "../qualification/shared/options/resolve-options.ts";
import { runCommand } from "../qualification/shared/process/run-command.ts";

/** The suite's TypeScript compiles under its strict settings: Vitest strips types, so nothing else would notice. */
test("tsc --noEmit passes (strict, exactOptionalPropertyTypes, noUncheckedIndexedAccess)", async () => {
  const run = await runCommand({
    file: process.execPath,
    args: [join(SUITE_ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json", "--noEmit"],
    cwd: SUITE_ROOT,
    env: { PATH: process.env.PATH ?? "" },
    timeoutMs: 240_000,
  });
  expect(run.stdout + run.stderr).toBe("");
  expect(run.exitCode).toBe(0);
}, 240_000);
