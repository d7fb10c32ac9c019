import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { tempDir } from "../../../../setup/testing/example-copy.ts";
import { runCommand } from "../../../shared/process/run-command.ts";
import { driftFiles } from "./drift-files.ts";

const sh = async (cwd: string, script: string) => {
  const run = await runCommand({
    file: "sh",
    args: ["-c", script],
    cwd,
    env: { GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@t", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@t" },
    timeoutMs: 20_000,
  });
  expect(run.exitCode, run.stderr).toBe(0);
};

test("names the plugin files changed, added or removed since the lockfile's last commit", async () => {
  const root = tempDir("drift");
  mkdirSync(join(root, "config"));
  mkdirSync(join(root, "plugins/p"), { recursive: true });
  writeFileSync(join(root, "plugins/p/plugin.py"), "a\n");
  writeFileSync(join(root, "plugins/p/old.txt"), "x\n");
  writeFileSync(join(root, "config/plugin_locks.json"), "{}");
  await sh(root, "git init -q && git add -A && git commit -qm lock");
  appendFileSync(join(root, "plugins/p/plugin.py"), "b\n");
  writeFileSync(join(root, "plugins/p/new.md"), "n\n");
  await sh(root, "git rm -q plugins/p/old.txt && mkdir -p plugins/p/__pycache__ && touch plugins/p/__pycache__/x.pyc");
  expect(await driftFiles(root, "plugins/p", "config/plugin_locks.json")).toEqual(["new.md", "old.txt", "plugin.py"]);
});

test("is null outside a git checkout", async () => {
  expect(await driftFiles(tempDir("nogit"), "plugins/p", "config/plugin_locks.json")).toBeNull();
});
