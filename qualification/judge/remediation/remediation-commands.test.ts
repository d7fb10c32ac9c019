import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { REASON_CODES, type ReasonCode } from "../../../contracts/reason-codes.ts";
import { REMEDIATION_CODES, type RemediationCode } from "../../../contracts/remediation.ts";
import type { Verdict } from "../../../contracts/verdict.ts";
import { copyExample, optionsFor, tempDir } from "../../../setup/testing/example-copy.ts";
import { legacyDirectoryDigests } from "../../gather/adapters/autocapture-nx/hashing/index.ts";
import { parseLockfile, serializeLockfile } from "../../gather/adapters/autocapture-nx/lock/index.ts";
import { editPlugin, LOCKFILE_REL, platformSign } from "../../commands/lock-update/testing/platform-lock-tools.ts";
import { resolveCommand } from "../../cli/main.ts";
import { SUITE_ROOT } from "../../shared/options/resolve-options.ts";
import { QualificationSession } from "../../session/qualification-session.ts";
import { remediationFor } from "./remediation-for.ts";
import { runPrintedCommand, splitShellWords } from "./testing/run-printed-command.ts";

type StaticCheck = "allowlisted" | "hash_ok" | "enabled";

/** The real static verdict of one plugin on a target (the checks a writer's fix must turn green). */
async function staticVerdict(
  root: string,
  pluginId: string,
  check: StaticCheck,
  env: Record<string, string> = {},
): Promise<Verdict> {
  const session = await QualificationSession.open(optionsFor(root, env));
  try {
    return (await session.staticVerdicts(pluginId))[check];
  } finally {
    session.close();
  }
}

const config = (root: string) =>
  JSON.parse(readFileSync(join(root, "config/default.json"), "utf8")) as {
    plugins: { allowlist: string[]; enabled: Record<string, boolean> };
  };
const writeConfig = (root: string, value: unknown) =>
  writeFileSync(join(root, "config/default.json"), `${JSON.stringify(value, null, 2)}\n`);

/**
 * Each command-bearing remediation, end to end: break a copy of the example the way the reason says, take the
 * verdict the real check gives, run the command its remediation prints (exactly as printed), re-judge.
 */
const scenarios: Array<{
  code: RemediationCode;
  pluginId: string;
  check: StaticCheck;
  env?: Record<string, string>;
  breakIt: (root: string) => Promise<void> | void;
}> = [
  {
    code: "ADD_TO_ALLOWLIST",
    pluginId: "builtin.state.jepa_like",
    check: "allowlisted",
    breakIt: (root) => {
      const c = config(root);
      c.plugins.allowlist = c.plugins.allowlist.filter((id) => id !== "builtin.state.jepa_like");
      writeConfig(root, c);
    },
  },
  {
    code: "ENABLE_IN_CONFIG",
    pluginId: "builtin.privacy.sanitizer",
    check: "enabled",
    breakIt: (root) => {
      const c = config(root);
      c.plugins.enabled["builtin.privacy.sanitizer"] = false;
      writeConfig(root, c);
    },
  },
  {
    code: "UPDATE_LOCK_ENTRY",
    pluginId: "builtin.retrieval.basic",
    check: "hash_ok",
    breakIt: (root) => editPlugin(root, "retrieval_basic"),
  },
  {
    code: "REGENERATE_LOCKFILE",
    pluginId: "builtin.answer.basic",
    check: "hash_ok",
    breakIt: async (root) => {
      // A file whose name sorts differently under the pre-2026-01-29 Path order, locked with that algorithm.
      writeFileSync(join(root, "plugins/builtin/answer_basic/README.txt"), "notes\n");
      const parsed = parseLockfile(readFileSync(join(root, LOCKFILE_REL), "utf8"), LOCKFILE_REL);
      if (!parsed.ok) throw new Error("example lockfile");
      const legacy = (await legacyDirectoryDigests(join(root, "plugins/builtin/answer_basic"))).legacy_rglob_raw;
      const entry = { ...parsed.document.plugins["builtin.answer.basic"]!, artifact_sha256: legacy };
      writeFileSync(
        join(root, LOCKFILE_REL),
        serializeLockfile({
          ...parsed.document,
          plugins: { ...parsed.document.plugins, "builtin.answer.basic": entry },
        }),
      );
    },
  },
  {
    code: "RESTORE_LOCKFILE",
    pluginId: "builtin.ledger.basic",
    check: "hash_ok",
    breakIt: async (root) => {
      // An audited update leaves snapshots; then the lockfile is lost.
      editPlugin(root, "ledger_basic");
      const update = await runPrintedCommand(
        `QUALIFY_TARGET=${root} pnpm qualify lock update --plugin builtin.ledger.basic --reason seed`,
      );
      expect(update.exitCode).toBe(0);
      writeFileSync(join(root, LOCKFILE_REL), "{ truncated");
    },
  },
];

describe("every printed remediation command works", () => {
  test.each(scenarios)(
    "$code: the printed command turns $pluginId › $check green",
    async ({ code, pluginId, check, env, breakIt }) => {
      const { root } = copyExample();
      await breakIt(root);
      const verdict = await staticVerdict(root, pluginId, check, env);
      expect(verdict.status).toBe("fail");
      const remediation = remediationFor(verdict, { target: root, pluginId });
      expect(remediation?.code).toBe(code);
      const run = await runPrintedCommand(remediation!.command!, env);
      expect(run.exitCode, `${remediation!.command}\n${run.stderr}`).toBe(0);
      expect((await staticVerdict(root, pluginId, check, env)).status).toBe("pass");
    },
  );

  test("RESIGN_LOCKFILE: a broken lock signature is re-signed by the printed command (with the run's keyring)", async () => {
    const { root } = copyExample();
    const keyring = join(tempDir("keyring"), "keyring.json");
    const sig = join(root, `${LOCKFILE_REL}.sig.json`);
    await platformSign(root, keyring, sig);
    writeFileSync(sig, readFileSync(sig, "utf8").replace(/"signature_hex": "[0-9a-f]/, '"signature_hex": "x'));
    const env = { QUALIFY_KEYRING: keyring };
    const verdict = await staticVerdict(root, "builtin.journal.basic", "hash_ok", env);
    expect(verdict.reason).toBe("LOCK_SIGNATURE_INVALID");
    const remediation = remediationFor(verdict, { target: root, pluginId: "builtin.journal.basic" });
    expect(remediation?.code).toBe("RESIGN_LOCKFILE");
    expect((await runPrintedCommand(remediation!.command!, env)).exitCode).toBe(0);
    expect((await staticVerdict(root, "builtin.journal.basic", "hash_ok", env)).status).toBe("pass");
  });

  test("REMOVE_STALE_REFERENCE and ADD_DEPRECATION_RECORD: align drops phantom and retired IDs from the inventory's sources", async () => {
    const { root } = copyExample();
    const c = config(root);
    c.plugins.allowlist.push("builtin.phantom.ghost");
    writeConfig(root, c);
    for (const [reason, pluginId, code] of [
      ["UNRESOLVED_ID", "builtin.phantom.ghost", "REMOVE_STALE_REFERENCE"],
      ["DEPRECATED_CAPTURE_BLOCK", "builtin.capture.basic", "ADD_DEPRECATION_RECORD"],
    ] as const) {
      const remediation = remediationFor({ status: "fail", reason, detail: "d" }, { target: root, pluginId });
      expect(remediation?.code).toBe(code);
      expect((await runPrintedCommand(remediation!.command!)).exitCode).toBe(0);
    }
    const session = await QualificationSession.open(optionsFor(root));
    session.close();
    expect(session.inventory.unresolved_ids).toEqual([]);
    expect(config(root).plugins.allowlist).not.toContain("builtin.capture.basic");
  });

  test("WRITE_PROBE_SPEC: the printed scaffold command writes the missing spec", async () => {
    const { root } = copyExample();
    const probes = tempDir("probes");
    const remediation = remediationFor(
      { status: "fail", reason: "SPEC_MISSING", detail: "d" },
      { target: root, pluginId: "builtin.time.intent_parser" },
    );
    expect(remediation?.code).toBe("WRITE_PROBE_SPEC");
    expect((await runPrintedCommand(remediation!.command!, { QUALIFY_PROBES: probes })).exitCode).toBe(0);
    expect(existsSync(join(probes, "builtin.time.intent_parser.json"))).toBe(true);
  });

  test("FIX_PLUGIN_CODE: the watch command runs the suite's test:qualify script filtered to the plugin's tests", () => {
    const remediation = remediationFor(
      { status: "fail", reason: "PROBE_FAILED", detail: "d" },
      { target: "/srv/with space", pluginId: "builtin.retrieval.basic" },
    );
    const words = splitShellWords(remediation!.command!);
    expect(words).toEqual([
      "QUALIFY_TARGET=/srv/with space",
      "pnpm",
      "test:qualify",
      "--watch",
      "-t",
      "builtin.retrieval.basic",
    ]);
    const scripts = (
      JSON.parse(readFileSync(join(SUITE_ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }
    ).scripts;
    expect(scripts["test:qualify"]).toBeDefined();
  });
});

describe("every remediation code", () => {
  const platformErrors = ["", "Plugin x artifact hash mismatch", "Network permission denied by policy"];
  const produced = new Map<RemediationCode, ReasonCode[]>();
  for (const reason of REASON_CODES)
    for (const platform_error of platformErrors) {
      const code = remediationFor(
        { status: "fail", reason, detail: "d", platform_error },
        { target: "/t", pluginId: "p.q" },
      )?.code;
      if (code) produced.set(code, [...(produced.get(code) ?? []), reason]);
    }

  test.each([...REMEDIATION_CODES])(
    "%s is the remediation of some failing reason, and its command (if any) is a real command",
    (code) => {
      expect(produced.get(code)?.length ?? 0).toBeGreaterThan(0);
      const reason = produced.get(code)![0]!;
      const remediation = remediationFor(
        {
          status: "fail",
          reason,
          detail: "d",
          platform_error:
            platformErrors.find(
              (e) =>
                remediationFor(
                  { status: "fail", reason, detail: "d", platform_error: e },
                  { target: "/t", pluginId: "p.q" },
                )?.code === code,
            ) ?? "",
        },
        { target: "/t", pluginId: "p.q" },
      );
      if (remediation?.command) {
        const words = splitShellWords(remediation.command);
        expect(words[0]).toBe("QUALIFY_TARGET=/t");
        expect(["qualify", "test:qualify"]).toContain(words[2]);
        if (words[2] === "qualify") expect(resolveCommand(words.slice(3))).not.toBeNull();
      }
    },
  );
});
