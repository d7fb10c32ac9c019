import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { tempDir } from "../../../../../setup/testing/example-copy.ts";
import { mutationSites } from "./plugin-mutants.ts";
import { runCommand } from "../../../../shared/process/run-command.ts";
import { PROBE_RUNNER } from "./probe-runner-path.ts";

/**
 * A wrapper plugin's behaviour lives in the class it imports: its mutation sites are its own files plus those
 * imported definitions (one hop), never the rest of that module and never the shared plugin API.
 */
function tree(): string {
  const root = tempDir("qualify-mutants");
  const write = (rel: string, text: string) => {
    mkdirSync(join(root, rel, ".."), { recursive: true });
    writeFileSync(join(root, rel), text);
  };
  write("autocapture_nx/__init__.py", "");
  write("autocapture_nx/plugin_system/__init__.py", "");
  write("autocapture_nx/plugin_system/api.py", "class PluginBase:\n    def ok(self, x):\n        return x == 1\n");
  write("autocapture_nx/kernel/__init__.py", "");
  write("autocapture_nx/kernel/canonical_json.py", "def dumps(x):\n    return str(x) if x is not None else ''\n");
  write(
    "autocapture_nx/stages.py",
    "class Used:\n    def run(self, x):\n        if x > 2:\n            return 'big'\n        return 'small'\n\n\nclass Unused:\n    def run(self, x):\n        return x != 3\n",
  );
  write(
    "plugins/builtin/wrap/plugin.py",
    "from autocapture_nx.plugin_system.api import PluginBase\nfrom autocapture_nx.kernel.canonical_json import dumps\nfrom autocapture_nx.stages import Used\n\n\ndef create_plugin(plugin_id, context):\n    return Used()\n",
  );
  return root;
}

describe("mutation sites of a plugin's code", () => {
  test("its own files, then the definitions it imports from the target's modules, never the shared plugin API or the kernel", async () => {
    const root = tree();
    const sites = await mutationSites("python3", root, "plugins/builtin/wrap");
    const files = [...new Set(sites.map((s) => s.file))];
    expect(files).toEqual(["autocapture_nx/stages.py"]);
    // Only inside `Used`: its compare (x > 2), branch, constants and early return; nothing of `Unused`.
    expect(sites.every((s) => s.within?.join() === "Used" && s.line <= 5)).toBe(true);
    expect(sites.map((s) => s.kind).sort()).toEqual([
      "branch",
      "compare",
      "constant",
      "constant",
      "constant",
      "return",
    ]);
  });

  test("applying an imported-definition site mutates that definition only", async () => {
    const root = tree();
    const sites = await mutationSites("python3", root, "plugins/builtin/wrap");
    const compare = sites.find((s) => s.kind === "compare")!;
    const mutator = join(PROBE_RUNNER, "..", "mutate_plugin.py");
    const run = await runCommand({
      file: "python3",
      args: [mutator, "--apply", join(root, compare.file), "--site", String(compare.site), "--within", "Used"],
      cwd: root,
      env: { PATH: process.env.PATH ?? "" },
      timeoutMs: 30_000,
    });
    expect(run.exitCode).toBe(0);
    const text = readFileSync(join(root, "autocapture_nx/stages.py"), "utf8");
    expect(text).toContain("if x <= 2:");
    expect(text).toContain("return x != 3");
  });
});
