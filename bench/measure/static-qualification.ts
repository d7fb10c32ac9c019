import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { QualifyOptions } from "../../qualification/shared/options/resolve-options.ts";
import { resolveInterpreter } from "../../qualification/shared/process/resolve-interpreter.ts";
import type { SizeResult } from "../bench-results.ts";
import { QualificationSession } from "../../qualification/session/qualification-session.ts";
import { interleaved, median } from "./timing.ts";

const run = promisify(execFile);

/**
 * suite_ms: session open (config, manifests, lock, inventory) + allowlisted/hash_ok/enabled for every plugin +
 * the platform CLI calls; cli_ms: `plugins list --json` and `plugins load-report` run bare, side by side as the
 * suite runs them; the pass counts are a sanity check, so a broken synthetic platform is noticed.
 */
export type StaticFigures = SizeResult["static"];

/**
 * The static qualification as the suite does it, against the platform CLI calls alone; with the hashing floor
 * (sha256sum, measured beside it) the CLI time makes the unavoidable floor.
 */
export async function measureStatic(options: QualifyOptions, repeats: number, warmup: boolean): Promise<StaticFigures> {
  let counts = { hash_ok_pass: 0, allowlisted_pass: 0 };
  const suite = async (): Promise<void> => {
    const session = await QualificationSession.open(options);
    try {
      const [, ...verdicts] = await Promise.all([
        session.runVerdicts(),
        ...session.plan.plugins.map((p) => session.staticVerdicts(p.plugin_id)),
      ]);
      counts = {
        hash_ok_pass: verdicts.filter((v) => v.hash_ok.status === "pass").length,
        allowlisted_pass: verdicts.filter((v) => v.allowlisted.status === "pass").length,
      };
    } finally {
      await session.close();
    }
  };
  // The interpreter itself, as the suite runs it: a version manager's shim is no part of the platform's cost.
  const python = await resolveInterpreter(options.python);
  const cli = async (): Promise<void> => {
    const config = mkdtempSync(join(tmpdir(), "bench-config-"));
    const data = mkdtempSync(join(tmpdir(), "bench-data-"));
    const env = {
      ...process.env,
      AUTOCAPTURE_ROOT: options.target,
      AUTOCAPTURE_CONFIG_DIR: config,
      AUTOCAPTURE_DATA_DIR: data,
      PYTHONDONTWRITEBYTECODE: "1",
    };
    const call = (args: string[]) =>
      run(python, ["-m", "autocapture_nx", ...args], { cwd: options.target, env, maxBuffer: 1024 * 1024 * 1024 }).catch(
        (error: { code?: number }) => error,
      );
    try {
      await Promise.all([call(["plugins", "list", "--json"]), call(["plugins", "load-report"])]);
    } finally {
      rmSync(config, { recursive: true, force: true });
      rmSync(data, { recursive: true, force: true });
    }
  };
  const [suiteSamples, cliSamples] = (await interleaved(repeats, [suite, cli], { warmup })) as [number[], number[]];
  return {
    suite_ms: median(suiteSamples),
    cli_ms: median(cliSamples),
    suite_samples_ms: suiteSamples,
    cli_samples_ms: cliSamples,
    ...counts,
  };
}
