import {
  chmodSync,
  cpSync,
  mkdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  appendFileSync,
} from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import {
  copyExample,
  editJson,
  optionsFor,
  tempDir,
  relockWithPlatformTool,
} from "../../setup/testing/example-copy.ts";
import { runCommand } from "../shared/process/run-command.ts";
import { qualifyAll } from "./qualify-all.ts";

/** `plugin › check` (and `run › check`) → `status:reason`, the shape defect expectations are written in. */
type Matrix = Record<string, string>;

const P = "builtin.state.jepa_like";
const P_DIR = "plugins/builtin/state_jepa_like";

async function matrix(root: string, env: Record<string, string> = {}): Promise<Matrix> {
  const empty = tempDir("no-probes");
  const outcome = await qualifyAll(
    optionsFor(root, { QUALIFY_PROBES: empty, QUALIFY_OUT: join(empty, "out"), ...env }),
  );
  const cells: Matrix = {};
  for (const [id, verdicts] of outcome.verdicts)
    for (const [check, v] of Object.entries(verdicts)) cells[`${id} › ${check}`] = `${v.status}:${v.reason ?? ""}`;
  for (const [check, v] of Object.entries(outcome.runVerdicts))
    cells[`run › ${check}`] = `${v.status}:${v.reason ?? ""}`;
  return cells;
}

function changed(before: Matrix, after: Matrix): Matrix {
  const out: Matrix = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)]))
    if (before[key] !== after[key]) out[key] = after[key] ?? "absent";
  return out;
}

const editLock = (root: string, edit: (lock: Record<string, any>) => void): void => {
  const path = join(root, "config/plugin_locks.json");
  const lock = JSON.parse(readFileSync(path, "utf8"));
  edit(lock);
  writeFileSync(path, JSON.stringify(lock, null, 2));
};
const relock = relockWithPlatformTool;
const fakePython = (body: string): string => {
  const file = join(tempDir("fake-python"), "python3");
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
};

const downstream = (first: Record<string, string>): Matrix => ({
  ...Object.fromEntries(Object.entries(first).map(([check, cell]) => [`${P} › ${check}`, cell])),
  [`${P} › capability_present`]: "fail:UPSTREAM_CHECK_FAILED",
});

describe("each defect class, on a copy of the example, flips exactly the expected cells", () => {
  let pristine: Matrix;
  beforeAll(async () => {
    pristine = await matrix(copyExample().root);
  });

  test("the pristine example passes every static, load and capability check", () => {
    const bad = Object.entries(pristine).filter(
      ([key, cell]) =>
        !key.endsWith("› functional") && !cell.startsWith("pass") && !cell.includes("DEPRECATED_REMOVED"),
    );
    expect(bad).toEqual([]);
  });

  const cases: Array<[string, (root: string) => void | Promise<void>, Matrix]> = [
    [
      "a changed plugin file",
      (r) => appendFileSync(join(r, P_DIR, "plugin.py"), "# drift\n"),
      downstream({ hash_ok: "fail:ARTIFACT_HASH_MISMATCH", loaded: "fail:LOAD_FAILED" }),
    ],
    [
      "an edited manifest",
      (r) => editJson(r, `${P_DIR}/plugin.json`, (m) => (m.version = "9.9.9")),
      downstream({ hash_ok: "fail:MANIFEST_HASH_MISMATCH", loaded: "fail:LOAD_FAILED" }),
    ],
    [
      "a missing lock entry",
      (r) => editLock(r, (l) => delete l.plugins[P]),
      downstream({ hash_ok: "fail:LOCK_ENTRY_MISSING", loaded: "fail:LOAD_FAILED" }),
    ],
    [
      "a wrong kernel_api_version",
      (r) => editLock(r, (l) => (l.plugins[P].kernel_api_version = "0.0.9")),
      downstream({ hash_ok: "fail:KERNEL_API_VERSION_MISMATCH", loaded: "fail:LOAD_FAILED" }),
    ],
    [
      "a wrong contract_lock_hash",
      (r) => editLock(r, (l) => (l.plugins[P].contract_lock_hash = "0".repeat(64))),
      downstream({ hash_ok: "fail:CONTRACT_LOCK_HASH_MISMATCH", loaded: "fail:LOAD_FAILED" }),
    ],
    [
      "a symlink in the plugin dir",
      (r) => symlinkSync("/etc/hostname", join(r, P_DIR, "link.txt")),
      // `plugins list` hashes every plugin dir and raises on the symlink (manager rows, as the real one does).
      {
        ...downstream({ hash_ok: "fail:SYMLINK_IN_PLUGIN_DIR", loaded: "fail:LOAD_FAILED" }),
        "run › platform_cli": "infra_error:CLI_FAILED",
      },
    ],
    [
      "disabled in the enabled map",
      (r) => editJson(r, "config/default.json", (c) => (c.plugins.enabled[P] = false)),
      downstream({ enabled: "fail:DISABLED_IN_CONFIG", loaded: "fail:NOT_ATTEMPTED" }),
    ],
    [
      "removed from the allowlist",
      (r) =>
        editJson(
          r,
          "config/default.json",
          (c) => (c.plugins.allowlist = c.plugins.allowlist.filter((id: string) => id !== P)),
        ),
      downstream({
        allowlisted: "fail:NOT_ALLOWLISTED",
        enabled: "fail:NOT_ALLOWLISTED",
        loaded: "fail:NOT_ATTEMPTED",
      }),
    ],
    [
      "a phantom ID in the allowlist",
      (r) => editJson(r, "config/default.json", (c) => c.plugins.allowlist.push("builtin.phantom.plugin")),
      {
        ...Object.fromEntries(
          ["allowlisted", "hash_ok", "enabled", "loaded", "capability_present", "functional"].map((c) => [
            `builtin.phantom.plugin › ${c}`,
            "fail:UNRESOLVED_ID",
          ]),
        ),
        "run › inventory_resolved": "fail:UNRESOLVED_ID",
      },
    ],
    [
      "an entrypoint escaping the plugin dir (lock refreshed)",
      async (r) => {
        editJson(r, `${P_DIR}/plugin.json`, (m) => (m.entrypoints[0].path = "../retrieval_basic/plugin.py"));
        await relock(r);
      },
      {
        [`${P} › enabled`]: "fail:ENTRYPOINT_ESCAPES_PLUGIN_DIR",
        [`${P} › loaded`]: "fail:ENTRYPOINT_ESCAPES_PLUGIN_DIR",
        [`${P} › capability_present`]: "fail:ENTRYPOINT_ESCAPES_PLUGIN_DIR",
        [`${P} › functional`]: "fail:ENTRYPOINT_ESCAPES_PLUGIN_DIR",
      },
    ],
  ];

  test.each(cases)("%s", async (_name, mutate, expected) => {
    const { root } = copyExample();
    await mutate(root);
    expect(changed(pristine, await matrix(root))).toEqual(expected);
  });

  test("a malformed manifest fails that plugin with the file and reason, and nothing else", async () => {
    const { root } = copyExample();
    writeFileSync(join(root, P_DIR, "plugin.json"), `{"plugin_id": "${P}", "version": `);
    const diff = changed(pristine, await matrix(root));
    expect(diff[`${P} › enabled`]).toBe("fail:MANIFEST_INVALID_JSON");
    expect(diff[`${P} › hash_ok`]).toBe("fail:MANIFEST_HASH_MISMATCH");
    // `plugins list` raises on any bad manifest (`registry.py` `discover_manifests`), so the CLI run check reports it
    // too.
    expect(Object.keys(diff).filter((key) => !key.startsWith(P))).toEqual(["run › platform_cli"]);
    expect(diff["run › platform_cli"]).toBe("infra_error:CLI_FAILED");
  });

  test("a manifest that is not valid UTF-8: refused with Python's own words in that plugin's rows (never read leniently)", async () => {
    const { root } = copyExample();
    const manifest = join(root, P_DIR, "plugin.json");
    const bytes = readFileSync(manifest);
    const at = bytes.indexOf(Buffer.from('"version"'));
    writeFileSync(
      manifest,
      Buffer.concat([bytes.subarray(0, at), Buffer.from('"notes": "caf\xe9", ', "latin1"), bytes.subarray(at)]),
    );
    const outcome = await qualifyAll(
      optionsFor(root, { QUALIFY_PROBES: tempDir("no-specs"), QUALIFY_OUT: tempDir("out") }),
      (id) => id === P,
    );
    const enabled = outcome.verdicts.get(P)!.enabled;
    expect(enabled).toMatchObject({ status: "fail", reason: "MANIFEST_UNREADABLE" });
    expect(enabled.detail).toMatch(
      /is not valid UTF-8: 'utf-8' codec can't decode byte 0xe9 in position \d+: invalid continuation byte/,
    );
    expect(outcome.verdicts.get(P)!.loaded.reason).not.toBe("UNRESOLVED_ID");
  });

  test("an oversized manifest (50 MB) is refused before it is read, named as such in its plugin's rows", async () => {
    const { root } = copyExample();
    const manifest = join(root, P_DIR, "plugin.json");
    const value = JSON.parse(readFileSync(manifest, "utf8")) as Record<string, unknown>;
    writeFileSync(manifest, JSON.stringify({ ...value, padding: "x".repeat(50 * 1024 * 1024) }));
    const outcome = await qualifyAll(
      optionsFor(root, { QUALIFY_PROBES: tempDir("no-specs"), QUALIFY_OUT: tempDir("out") }),
      (id) => id === P,
    );
    expect(outcome.verdicts.get(P)!.enabled).toMatchObject({
      status: "fail",
      reason: "MANIFEST_TOO_LARGE",
      detail: expect.stringContaining("over the 1048576-byte limit the suite reads"),
    });
  });

  test("a non-object manifest is reported as such", async () => {
    const { root } = copyExample();
    writeFileSync(join(root, P_DIR, "plugin.json"), "[]\n");
    const diff = changed(pristine, await matrix(root));
    expect(diff["run › manifests_valid"]).toBe("fail:MANIFEST_NOT_OBJECT");
  });

  test("two manifests declaring one plugin_id fail the manifests run check", async () => {
    const { root } = copyExample();
    cpSync(join(root, P_DIR), join(root, "plugins/builtin/zz_duplicate"), { recursive: true });
    await relock(root);
    const diff = changed(pristine, await matrix(root));
    expect(diff["run › manifests_valid"]).toBe("fail:DUPLICATE_PLUGIN_ID");
  });

  test("a missing lockfile fails every active plugin's hash_ok and the platform's whole load", async () => {
    const { root } = copyExample();
    rmSync(join(root, "config/plugin_locks.json"));
    const after = await matrix(root);
    expect(after["run › lockfile_valid"]).toBe("fail:LOCKFILE_MISSING");
    expect(after[`${P} › hash_ok`]).toBe("fail:LOCKFILE_MISSING");
    expect(after[`${P} › loaded`]).toBe("fail:PLATFORM_LOAD_ABORTED");
  });

  test("the hosting mode from the environment is read as the platform reads it (trimmed, lower-cased); an unsupported one aborts every load", async () => {
    const { root } = copyExample();
    expect(changed(pristine, await matrix(root, { AUTOCAPTURE_PLUGINS_HOSTING_MODE: " SubProcess " }))).toEqual({});
    const bogus = changed(pristine, await matrix(root, { AUTOCAPTURE_PLUGINS_HOSTING_MODE: "bogus" }));
    expect(bogus[`${P} › loaded`]).toBe("fail:PLATFORM_LOAD_ABORTED");
    expect(Object.keys(bogus).filter((cell) => cell.endsWith(" › loaded")).length).toBeGreaterThan(10);
  });

  test("a UTF-8 BOM in a manifest: the platform's json.loads refuses it, and so do we (its enabled check, with Python's words)", async () => {
    const { root } = copyExample();
    const manifest = join(root, P_DIR, "plugin.json");
    writeFileSync(manifest, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(manifest)]));
    const diff = changed(pristine, await matrix(root));
    expect(diff).toEqual({
      [`${P} › hash_ok`]: "fail:MANIFEST_HASH_MISMATCH",
      [`${P} › enabled`]: "fail:MANIFEST_INVALID_JSON",
      [`${P} › loaded`]: "fail:NOT_ATTEMPTED",
      [`${P} › capability_present`]: "fail:MANIFEST_INVALID_JSON",
      [`${P} › functional`]: "fail:MANIFEST_INVALID_JSON",
      // discover_manifests() raises on one bad manifest, so `plugins list` fails entirely.
      "run › platform_cli": "infra_error:CLI_FAILED",
    });
  });

  test("a quarantine entry in the user's config dir disables the plugin", async () => {
    const { root } = copyExample();
    const configDir = tempDir("user-config");
    writeFileSync(
      join(configDir, "user.json"),
      JSON.stringify({ plugins: { quarantine: { [P]: { reason: "crash_loop" } } } }),
    );
    const diff = changed(pristine, await matrix(root, { AUTOCAPTURE_CONFIG_DIR: configDir }));
    expect(diff).toEqual(downstream({ enabled: "fail:QUARANTINED", loaded: "fail:NOT_ATTEMPTED" }));
  });

  test("a config list of the wrong type is a failing config check with its JSON pointer", async () => {
    const { root } = copyExample();
    editJson(root, "config/default.json", (c) => (c.plugins.default_pack = "oops"));
    const after = await matrix(root);
    expect(after["run › config_valid"]).toBe("fail:CONFIG_INVALID");
  });

  test("a platform CLI that hangs is an infra_error with its process tree killed, never a pass", async () => {
    const { root } = copyExample();
    const after = await matrix(root, { QUALIFY_PYTHON: fakePython("sleep 60"), QUALIFY_CLI_TIMEOUT_MS: "1500" });
    expect(after["run › platform_cli"]).toBe("infra_error:CLI_TIMEOUT");
    expect(after[`${P} › loaded`]).toBe("infra_error:CLI_TIMEOUT");
    expect(after[`${P} › hash_ok`]).toBe("pass:");
  });

  test("a platform CLI that prints non-JSON is an infra_error naming the output", async () => {
    const { root } = copyExample();
    const after = await matrix(root, { QUALIFY_PYTHON: fakePython("echo 'not json'") });
    expect(after["run › platform_cli"]).toBe("infra_error:CLI_OUTPUT_INVALID");
    expect(after[`${P} › loaded`]).toBe("infra_error:CLI_OUTPUT_INVALID");
  });
});

test("qualification never writes into the target tree", async () => {
  const { root } = copyExample();
  const snapshot = async () =>
    (
      await runCommand({
        file: "sh",
        args: ["-c", "find . -type f -newer pyproject.toml -o -type d -name __pycache__ | sort"],
        cwd: root,
        env: {},
        timeoutMs: 10_000,
      })
    ).stdout;
  mkdirSync(join(root, "config"), { recursive: true });
  const before = await snapshot();
  await matrix(root);
  expect(await snapshot()).toBe(before);
});
