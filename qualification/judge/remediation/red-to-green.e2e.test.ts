import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import type { Verdict } from "../../../contracts/verdict.ts";
import { copyExample, EXAMPLE_PROBES, optionsFor, tempDir } from "../../../setup/testing/example-copy.ts";
import { editPlugin, HISTORY_REL, LOCKFILE_REL } from "../../commands/lock-update/testing/platform-lock-tools.ts";
import { qualifyAll, type QualificationOutcome } from "../../session/qualify-all.ts";
import { runQualify } from "../../commands/writers/testing/run-qualify.ts";
import { changedPaths, treeDigest } from "../../commands/writers/testing/tree-digest.ts";
import { runPrintedCommand, splitShellWords } from "./testing/run-printed-command.ts";

const CONFIG = "config/default.json";
const STATIC_AND_LOAD = ["allowlisted", "hash_ok", "enabled", "loaded", "capability_present"] as const;

/** Status (and reason) of every cell, keyed `<plugin_id> › <check>` and `run › <check>`: what a comparison needs. */
function cells(outcome: QualificationOutcome): Record<string, string> {
  const out: Record<string, string> = {};
  const show = (v: Verdict) => `${v.status}${v.reason ? `/${v.reason}` : ""}`;
  for (const [id, verdicts] of outcome.verdicts)
    for (const [check, verdict] of Object.entries(verdicts)) out[`${id} › ${check}`] = show(verdict);
  for (const [check, verdict] of Object.entries(outcome.runVerdicts)) out[`run › ${check}`] = show(verdict);
  return out;
}

/** Every remediation of a run: the set of codes, and each distinct printed command once (sorted). */
function remediations(outcome: QualificationOutcome): { codes: Set<string>; commands: string[] } {
  const all = [
    ...[...outcome.verdicts.values()].flatMap((v) => Object.values(v)),
    ...Object.values(outcome.runVerdicts),
  ];
  const codes = new Set(all.flatMap((verdict) => (verdict.remediation ? [verdict.remediation.code] : [])));
  const commands = [
    ...new Set(all.flatMap((verdict) => (verdict.remediation?.command ? [verdict.remediation.command] : []))),
  ].sort();
  return { codes, commands };
}

describe("issue 7: from red to green by following the printed remediations", () => {
  test(
    "phantom ID + disabled plugin + drifted lock + not-allowlisted plugin → align --apply, lock update → green, archives reproduce the red state",
    { timeout: 240_000 },
    async () => {
      const { root } = copyExample();
      // A small probe catalog keeps the run short; plugins without a spec fail `functional` in every run alike.
      const probes = tempDir("probes");
      cpSync(join(EXAMPLE_PROBES, "capability-contracts"), join(probes, "capability-contracts"), { recursive: true });
      for (const id of ["builtin.retrieval.basic"])
        cpSync(join(EXAMPLE_PROBES, `${id}.json`), join(probes, `${id}.json`));
      const deprecations = join(tempDir("deprecations"), "deprecations.json");
      writeFileSync(
        deprecations,
        JSON.stringify({
          schema_version: 1,
          deprecated: [{ plugin_id: "builtin.capture.basic", reason: "the registry hard-disables capture plugins" }],
        }),
      );
      const env = { QUALIFY_PROBES: probes, QUALIFY_DEPRECATIONS: deprecations };
      const pristine = cells(await qualifyAll(optionsFor(root, env)));

      const config = JSON.parse(readFileSync(join(root, CONFIG), "utf8")) as {
        plugins: { allowlist: string[]; enabled: Record<string, boolean> };
      };
      config.plugins.allowlist = [
        ...config.plugins.allowlist.filter((id) => id !== "builtin.state.jepa_like"),
        "builtin.phantom.ghost",
      ];
      config.plugins.enabled["builtin.privacy.sanitizer"] = false;
      writeFileSync(join(root, CONFIG), `${JSON.stringify(config, null, 2)}\n`);
      editPlugin(root, "retrieval_basic", "# reviewed: comment-only change");
      const red = treeDigest(root);
      const redConfig = readFileSync(join(root, CONFIG));
      const redLock = readFileSync(join(root, LOCKFILE_REL));

      const defective = await qualifyAll(optionsFor(root, env));
      const redCells = cells(defective);
      expect(redCells).toMatchObject({
        "builtin.state.jepa_like › allowlisted": "fail/NOT_ALLOWLISTED",
        "builtin.privacy.sanitizer › enabled": "fail/DISABLED_IN_CONFIG",
        "builtin.retrieval.basic › hash_ok": "fail/ARTIFACT_HASH_MISMATCH",
        "run › inventory_resolved": "fail/UNRESOLVED_ID",
      });
      const { codes, commands } = remediations(defective);
      for (const code of ["ADD_TO_ALLOWLIST", "ENABLE_IN_CONFIG", "UPDATE_LOCK_ENTRY", "REMOVE_STALE_REFERENCE"])
        expect(codes).toContain(code);

      // Apply the writers' remediations exactly as printed: align first, then the reviewed lock update.
      const writers = commands.filter((command) => {
        const [, , , verb, object] = splitShellWords(command);
        return verb === "align" || (verb === "lock" && object === "update");
      });
      const reports: Array<Record<string, unknown>> = [];
      for (const command of writers) {
        const run = await runPrintedCommand(command, env);
        expect(run.exitCode, `${command}\n${run.stderr}`).toBe(0);
        reports.push(run.json!);
      }
      const applied = reports.filter((r) => r.applied === true);
      expect(applied).toHaveLength(1);
      const lockUpdates = reports.filter((r) => typeof r.pre_snapshot === "string");
      expect(lockUpdates.map((r) => r.plugin_id)).toEqual(["builtin.retrieval.basic"]);

      const green = cells(await qualifyAll(optionsFor(root, env)));
      expect(green).toEqual(pristine);
      for (const [cell, status] of Object.entries(green)) {
        const [id, check] = cell.split(" › ") as [string, string];
        if (id !== "builtin.capture.basic" && (STATIC_AND_LOAD as readonly string[]).includes(check))
          expect(status, cell).toBe("pass");
      }

      // The archives hold the red state byte for byte: restore the config copy, roll the lock back.
      const align = applied[0]!;
      const lock = lockUpdates[0]!;
      expect(readFileSync(join(root, align.pre_archive as string)).equals(redConfig)).toBe(true);
      expect(readFileSync(join(root, lock.pre_snapshot as string)).equals(redLock)).toBe(true);
      writeFileSync(join(root, CONFIG), readFileSync(join(root, align.pre_archive as string)));
      const rollback = await runQualify(["lock", "rollback", join(root, lock.pre_snapshot as string)], {
        QUALIFY_TARGET: root,
        ...env,
      });
      expect(rollback.exitCode, rollback.stderr).toBe(0);
      const archives = (path: string) => path.startsWith(`${HISTORY_REL}/`) || path.startsWith(`${CONFIG}.history/`);
      expect(changedPaths(red, treeDigest(root)).filter((path) => !archives(path))).toEqual([]);
    },
  );
});
