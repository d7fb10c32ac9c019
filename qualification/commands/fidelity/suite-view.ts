import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FIDELITY_CHECKS } from "../../../contracts/fidelity.ts";
import { resolveOptions, SUITE_ROOT } from "../../shared/options/resolve-options.ts";
import { trackDir, untrackDir } from "../../shared/process/run-resources.ts";
import { QualificationSession } from "../../session/qualification-session.ts";
import type { SuiteView } from "./compare-verdicts.ts";
import type { VariantDirs } from "../../gather/adapters/fidelity-port.ts";

/**
 * The suite's verdicts on a variant, judged exactly as `pnpm test:qualify` judges them (one session, the same
 * evidence and judges), with an empty probe catalog (fidelity compares no functional verdicts, so no probe
 * step runs) and a copy of the variant's config dir (the platform may write into the one it is given).
 */
export async function suiteView(variant: VariantDirs, baseEnv: Readonly<Record<string, string>>): Promise<SuiteView> {
  const scratch = trackDir(mkdtempSync(join(tmpdir(), "qualify-fidelity-suite-")));
  try {
    const env: NodeJS.ProcessEnv = {
      ...baseEnv,
      QUALIFY_TARGET: variant.root,
      QUALIFY_OUT: join(scratch, "out"),
      QUALIFY_PROBES: mkdtempSync(join(scratch, "probes-")),
      AUTOCAPTURE_CONFIG_DIR: copyOf(variant.configDir, join(scratch, "config")),
    };
    const session = await QualificationSession.open(resolveOptions(env, SUITE_ROOT));
    try {
      const plugins = [];
      for (const planned of session.plan.plugins) {
        const verdicts = await session.verdicts(planned.plugin_id);
        plugins.push({ plugin_id: planned.plugin_id, resolved: planned.resolved, verdicts: pick(verdicts) });
      }
      const unresolved = session.plan.plugins
        .filter((p) => !p.resolved && p.category !== "deprecated_removed")
        .map((p) => p.plugin_id);
      return { configValid: (await session.runVerdicts()).config_valid, plugins, unresolved };
    } finally {
      await session.close();
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
    untrackDir(scratch);
  }
}

function pick<T>(verdicts: Record<string, T>): Record<(typeof FIDELITY_CHECKS)[number], T> {
  return Object.fromEntries(FIDELITY_CHECKS.map((check) => [check, verdicts[check]!])) as Record<
    (typeof FIDELITY_CHECKS)[number],
    T
  >;
}

function copyOf(from: string, to: string): string {
  cpSync(from, to, { recursive: true });
  return to;
}
