import { readFileSync, renameSync, symlinkSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, test } from "vitest";
import { copyExample, tempDir } from "../../../setup/testing/example-copy.ts";
import { parseLockHistoryName } from "../../gather/adapters/autocapture-nx/lock/index.ts";
import { runQualify } from "../../commands/writers/testing/run-qualify.ts";
import { changedPaths, treeDigest } from "../../commands/writers/testing/tree-digest.ts";

const CONFIG = "config/default.json";
type Config = {
  plugins: { allowlist: string[]; enabled: Record<string, boolean>; default_pack: string[] } & Record<string, unknown>;
} & Record<string, unknown>;

const readConfig = (root: string): Config => JSON.parse(readFileSync(join(root, CONFIG), "utf8")) as Config;
const writeConfig = (
  root: string,
  config: Config,
  layout: (value: Config) => string = (v) => `${JSON.stringify(v, null, 2)}\n`,
): void => writeFileSync(join(root, CONFIG), layout(config));

/** The config defects at once: a phantom ID, a disabled plugin, a plugin dropped from the allowlist. */
function injectDefects(config: Config): Config {
  config.plugins.allowlist = [
    ...config.plugins.allowlist.filter((id) => id !== "builtin.state.jepa_like"),
    "builtin.phantom.ghost",
  ];
  config.plugins.enabled["builtin.privacy.sanitizer"] = false;
  config.plugins.default_pack.push("builtin.phantom.ghost");
  return config;
}

const align = (root: string, args: string[], env: Record<string, string> = {}) =>
  runQualify(["align", ...args], { QUALIFY_TARGET: root, ...env });

describe("pnpm qualify align", () => {
  test("without --apply: prints the JSON Patch and the diff, writes nothing", async () => {
    const { root } = copyExample();
    writeConfig(root, injectDefects(readConfig(root)));
    const before = treeDigest(root);
    const run = await align(root, ["--reason", "preview"]);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.json).toMatchObject({ ok: true, applied: false, written: [], pre_archive: null });
    expect(run.json!.changes).toEqual({
      allowlist: { added: ["builtin.state.jepa_like"], removed: ["builtin.capture.basic", "builtin.phantom.ghost"] },
      default_pack: { added: [], removed: ["builtin.phantom.ghost"] },
      enabled: { added: ["builtin.privacy.sanitizer"], removed: [] },
    });
    expect(run.stderr).toContain('-      "builtin.phantom.ghost"');
    expect(run.stderr).toContain('+      "builtin.privacy.sanitizer": true,');
    expect(changedPaths(before, treeDigest(root))).toEqual([]);
    expect((await align(root, [])).exitCode).toBe(0);
  });

  test("--apply: archives before/after as <ts>_<pre|post>_<reason>_<sha12>.json, writes in the file's layout, is idempotent", async () => {
    const { root } = copyExample();
    writeConfig(root, injectDefects(readConfig(root)));
    const defective = readFileSync(join(root, CONFIG));
    const before = treeDigest(root);
    const run = await align(root, ["--apply", "--reason", "align after review"]);
    expect(run.exitCode, run.stderr).toBe(0);
    const after = readFileSync(join(root, CONFIG));
    const report = run.json!;
    expect(report).toMatchObject({ applied: true, written: [report.pre_archive, CONFIG, report.post_archive] });
    expect(readFileSync(join(root, report.pre_archive as string)).equals(defective)).toBe(true);
    expect(readFileSync(join(root, report.post_archive as string)).equals(after)).toBe(true);
    const pre = parseLockHistoryName(basename(report.pre_archive as string));
    expect(pre.ok && pre.name.reason).toBe("pre_align after review");
    expect((report.pre_archive as string).startsWith(`${CONFIG}.history/`)).toBe(true);
    expect(changedPaths(before, treeDigest(root))).toEqual(
      [CONFIG, `${CONFIG}.history/`, report.pre_archive, report.post_archive].sort(),
    );

    const text = after.toString("utf8");
    expect(`${JSON.stringify(JSON.parse(text), null, 2)}\n`).toBe(text);
    const aligned = JSON.parse(text) as Config;
    expect(aligned.plugins.allowlist).not.toContain("builtin.phantom.ghost");
    expect(aligned.plugins.allowlist).toContain("builtin.state.jepa_like");
    expect(aligned.plugins.enabled["builtin.privacy.sanitizer"]).toBe(true);
    expect(Object.keys(aligned.plugins.enabled)).toEqual(Object.keys(readConfig(root).plugins.enabled));

    const again = await align(root, ["--apply", "--reason", "again"]);
    expect(again.json).toMatchObject({ patch_count: 0, applied: false, written: [] });
  });

  const layouts: Array<[string, (v: Config) => string]> = [
    [
      "4-space indent, unsorted keys, no final newline",
      (v) => JSON.stringify({ zeta: 1, ...v, plugins: { zz: true, ...v.plugins } }, null, 4),
    ],
    ["tabs and CRLF", (v) => `${JSON.stringify(v, null, "\t").replaceAll("\n", "\r\n")}\r\n`],
    ["Python's compact one-line json.dumps", (v) => JSON.stringify(v).replaceAll(",", ", ").replaceAll('":', '": ')],
  ];
  test.each(layouts)("preserves the layout: %s", async (_label, layout) => {
    const { root } = copyExample();
    const config = readConfig(root);
    config.plugins.enabled["builtin.ledger.basic"] = false;
    writeConfig(root, config, layout);
    const run = await align(root, ["--apply", "--reason", "layout"]);
    expect(run.exitCode, run.stderr).toBe(0);
    const written = readFileSync(join(root, CONFIG), "utf8");
    const expected = JSON.parse(written) as Config;
    expect(expected.plugins.enabled["builtin.ledger.basic"]).toBe(true);
    expect(written).toBe(layout(expected));
    expect(Object.keys(expected)).toEqual(Object.keys(JSON.parse(layout(config)) as object));
  });

  test("a user.json that replaces the allowlist cannot be fixed from default.json: refused, nothing written", async () => {
    const { root } = copyExample();
    const configDir = tempDir("user-config");
    writeFileSync(
      join(configDir, "user.json"),
      JSON.stringify({ plugins: { allowlist: ["builtin.storage.sqlite", "builtin.phantom.ghost"] } }),
    );
    const before = treeDigest(root);
    const run = await align(root, ["--apply", "--reason", "r"], { AUTOCAPTURE_CONFIG_DIR: configDir });
    expect([run.exitCode, run.json?.code]).toEqual([1, "USER_CONFIG_OVERRIDES"]);
    expect(run.json!.detail).toContain(`${join(configDir, "user.json")}#/plugins/allowlist`);
    expect(changedPaths(before, treeDigest(root))).toEqual([]);
  });

  test("a deprecation manifest keeps the retired plugin canonical: dropped from the lists, no note", async () => {
    const { root } = copyExample();
    const manifest = join(tempDir("deprecations"), "deprecations.json");
    writeFileSync(
      manifest,
      JSON.stringify({
        schema_version: 1,
        deprecated: [{ plugin_id: "builtin.capture.basic", reason: "capture moved out of process" }],
      }),
    );
    const run = await align(root, [], { QUALIFY_DEPRECATIONS: manifest });
    expect(run.json).toMatchObject({ patch: [{ op: "remove", path: "/plugins/allowlist/2" }], limitations: [] });
  });

  const refusals: Array<[string, string, (root: string) => void, string[], Record<string, string>?]> = [
    ["--apply without --reason", "REASON_MISSING", () => undefined, ["--apply"]],
    [
      "a symlinked config",
      "TARGET_FILE_SYMLINK",
      (root) => {
        renameSync(join(root, CONFIG), join(root, "config/real.json"));
        symlinkSync("real.json", join(root, CONFIG));
      },
      ["--apply", "--reason", "r"],
    ],
    ["invalid JSON", "CONFIG_INVALID", (root) => writeFileSync(join(root, CONFIG), "{"), ["--reason", "r"]],
    [
      "an allowlist that is not a string array",
      "CONFIG_INVALID",
      (root) =>
        writeConfig(root, {
          ...readConfig(root),
          plugins: { ...readConfig(root).plugins, allowlist: "all" as unknown as string[] },
        }),
      [],
    ],
    [
      "a duplicated plugins key",
      "CONFIG_DUPLICATE_KEY",
      (root) =>
        writeFileSync(
          join(root, CONFIG),
          readFileSync(join(root, CONFIG), "utf8").replace('"plugins": {', '"plugins": {},\n  "plugins": {'),
        ),
      [],
    ],
    [
      "a layout it cannot reproduce",
      "CONFIG_FORMAT_UNSUPPORTED",
      (root) =>
        writeFileSync(
          join(root, CONFIG),
          readFileSync(join(root, CONFIG), "utf8").replace('"search_paths": []', '"search_paths": [ ]'),
        ),
      [],
    ],
    [
      "a history path that is a file",
      "HISTORY_DIR_NOT_WRITABLE",
      (root) => writeFileSync(join(root, `${CONFIG}.history`), ""),
      ["--apply", "--reason", "r"],
    ],
  ];
  test.each(refusals)("refuses %s (%s) and writes nothing", async (_label, code, mutate, args) => {
    const { root } = copyExample();
    mutate(root);
    const before = treeDigest(root);
    const run = await align(root, args);
    expect([run.exitCode, run.json?.code], run.stderr).toEqual([1, code]);
    expect(changedPaths(before, treeDigest(root))).toEqual([]);
  });

  test("an invalid deprecation manifest is refused: it decides what aligned means", async () => {
    const { root } = copyExample();
    const manifest = join(tempDir("deprecations"), "bad.json");
    writeFileSync(manifest, JSON.stringify({ schema_version: 2 }));
    const run = await align(root, [], { QUALIFY_DEPRECATIONS: manifest });
    expect([run.exitCode, run.json?.code]).toEqual([1, "INVENTORY_INPUT_INVALID"]);
  });
});
