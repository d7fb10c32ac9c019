import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { runCommand } from "./run-command.ts";

const node = process.execPath;

/** A killed process whose parent died may linger as a zombie until reaped; zombies are not running. */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return !/^\d+ \(.*\) Z/.test(stat);
  } catch {
    return false;
  }
}
const base = { cwd: process.cwd(), env: {}, timeoutMs: 10_000 };

describe("runCommand", () => {
  test("returns a failing command as a value with its exit code and stderr", async () => {
    const run = await runCommand({
      ...base,
      file: node,
      args: ["-e", "process.stderr.write('boom'); process.exit(3)"],
    });
    expect(run).toMatchObject({ exitCode: 3, timedOut: false, stderr: "boom", spawnError: null });
  });

  test("a hang is killed at the timeout together with the processes it spawned", async () => {
    const script = `
      const { spawn } = require("node:child_process");
      const grandchild = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
      console.log(grandchild.pid);
      setInterval(() => {}, 1000);`;
    const run = await runCommand({ ...base, file: node, args: ["-e", script], timeoutMs: 1500 });
    expect(run.timedOut).toBe(true);
    const grandchildPid = Number(run.stdout.trim());
    expect(grandchildPid).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(isRunning(grandchildPid)).toBe(false);
  });

  test("a missing interpreter is a spawn error, not a crash", async () => {
    const run = await runCommand({ ...base, file: "/nonexistent/python3", args: [] });
    expect(run.spawnError).toMatch(/ENOENT|nonexistent/);
    expect(run.exitCode).toBeNull();
  });

  test("passes stdin through", async () => {
    const run = await runCommand({
      ...base,
      file: node,
      args: ["-e", "process.stdin.pipe(process.stdout)"],
      input: '{"a":1}',
    });
    expect(run.stdout).toBe('{"a":1}');
  });
});
