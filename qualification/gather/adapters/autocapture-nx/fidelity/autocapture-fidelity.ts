import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { type Mutation, PlatformView } from "../../../../../contracts/fidelity.ts";
import { FidelityOracleError, type FidelityPort, type VariantDirs } from "../../fidelity-port.ts";
import type { SeededRandom } from "../../../../shared/canonical/seeded-random.ts";
import { runCommand } from "../../../../shared/process/run-command.ts";
import { trackDir, untrackDir } from "../../../../shared/process/run-resources.ts";
import { PROBE_RUNNER } from "../probe/probe-runner-path.ts";
import { MUTATIONS, VariantEdit } from "./mutation-menu.ts";

const ORACLE = join(dirname(PROBE_RUNNER), "platform_oracle.py");

export interface AutocaptureFidelityOptions {
  readonly python: string;
  /** Per oracle call: one whole platform load, as `plugins load-report` does. */
  readonly timeoutMs: number;
}

/**
 * Autocapture NX for `qualify fidelity`: its mutation menu (`mutation-menu.ts`) and its oracle
 * (`probe-runner/platform_oracle.py`, the platform's own registry asked directly). Each variant gets 1–4
 * mutations; plugins whose manifest or files changed are re-locked with the platform's own hashing half of
 * the time, so both "changed and re-locked" and "changed, lock stale" states occur.
 */
export function autocaptureFidelity(options: AutocaptureFidelityOptions): FidelityPort {
  const python = async (variant: VariantDirs, args: string[], configDir: string): Promise<string> => {
    const scratch = trackDir(mkdtempSync(join(tmpdir(), "qualify-fidelity-oracle-")));
    try {
      const run = await runCommand({
        file: options.python,
        args: [ORACLE, "--root", variant.root, ...args],
        cwd: scratch,
        env: {
          PATH: process.env.PATH ?? "",
          AUTOCAPTURE_ROOT: variant.root,
          PYTHONPATH: variant.root,
          PYTHONDONTWRITEBYTECODE: "1",
          AUTOCAPTURE_CONFIG_DIR: configDir,
          AUTOCAPTURE_DATA_DIR: join(scratch, "data"),
        },
        timeoutMs: options.timeoutMs,
      });
      if (run.timedOut)
        throw new FidelityOracleError(`the platform oracle did not answer within ${options.timeoutMs} ms`);
      if (run.exitCode !== 0)
        throw new FidelityOracleError(
          `the platform oracle exited ${run.exitCode}: ${run.stderr.trim().split("\n").slice(-3).join(" | ") || run.spawnError}`,
        );
      return run.stdout;
    } finally {
      rmSync(scratch, { recursive: true, force: true });
      untrackDir(scratch);
    }
  };

  return {
    name: "autocapture-nx",
    async mutate(variant: VariantDirs, random: SeededRandom): Promise<Mutation[]> {
      const edit = new VariantEdit(variant);
      const kinds = Object.keys(MUTATIONS).sort();
      const done: Mutation[] = [];
      for (let n = random.int(1, 4); n > 0; n--) done.push(MUTATIONS[random.pick(kinds)]!(edit, random));
      edit.save();
      const relock = [...edit.touched].sort().filter(() => random.chance(0.5));
      if (relock.length > 0) {
        await python(variant, ["--relock", relock.join(",")], variant.configDir);
        done.push({
          kind: "relock",
          plugin_id: null,
          file: edit.lockRel,
          detail: `re-locked with the platform's hashing: ${relock.join(", ")}`,
        });
      }
      return done;
    },
    async oracle(variant: VariantDirs): Promise<PlatformView> {
      // The platform may write into its config dir (crash-loop quarantine): it gets a copy of the variant's.
      const configDir = trackDir(mkdtempSync(join(tmpdir(), "qualify-fidelity-config-")));
      try {
        cpSync(variant.configDir, configDir, { recursive: true });
        const stdout = await python(variant, [], configDir);
        const parsed = PlatformView.safeParse(JSON.parse(stdout.trim().split("\n").at(-1) ?? "null"));
        if (!parsed.success)
          throw new FidelityOracleError(
            `the platform oracle's answer does not match its contract: ${parsed.error.issues[0]?.message}`,
          );
        return parsed.data;
      } catch (error) {
        if (error instanceof SyntaxError)
          throw new FidelityOracleError(`the platform oracle printed no JSON: ${error.message}`);
        throw error;
      } finally {
        rmSync(configDir, { recursive: true, force: true });
        untrackDir(configDir);
      }
    },
  };
}
