import { execFileSync } from "node:child_process";
import { readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, onTestFinished, test } from "vitest";
import { copyExample, tempDir } from "../../../../../setup/testing/example-copy.ts";
import { loggingInterpreter, type LoggingInterpreter } from "../../../../../setup/testing/logging-interpreter.ts";
import { runCommand } from "../../../../shared/process/run-command.ts";
import { addFixturePlugin, FIXTURE_CAPABILITY } from "../../../probe/testing/fixture-plugin.ts";
import { platformEnv } from "../cli/platform-cli.ts";
import { ProbeHost } from "./probe-host.ts";
import { probeRunOfAnswer, probeRunOfPayload } from "./probe-run-of-payload.ts";
import { runnerCommand, type ProbeCallContext } from "./run-probe-call.ts";

/**
 * The probe host (probe_runner.py --serve) against a copy of the example platform with fixture plugins, each
 * showing one behaviour, through the real interpreter and the platform's own API. A logging interpreter counts
 * the processes the suite starts.
 */
const STATE = "fixture.host.state";
const ECHO = "fixture.host.echo";
const HANG = "fixture.host.hang";
const CRASH = "fixture.host.crash";
const NOISY = "fixture.host.noisy";
const NET = "fixture.host.net";
const TYPES = "fixture.host.types";
const HELPER = "fixture_host_helper";

let root: string;

beforeAll(() => {
  root = realpathSync(copyExample().root);
  addFixturePlugin(root, {
    id: STATE,
    // A helper imported the ordinary way, and module state: a fork of a pristine load must see both fresh.
    prelude: `import os\nimport sys\nsys.path.insert(0, os.path.dirname(__file__))\nimport ${HELPER}\n_MODULE_CALLS = []\n`,
    methods: [
      "    def count(self):",
      "        _MODULE_CALLS.append(1)",
      `        ${HELPER}.CALLS.append(1)`,
      '        marker = os.path.join(os.environ["AUTOCAPTURE_DATA_DIR"], "written-by-a-step")',
      '        seen = {"module": len(_MODULE_CALLS), "helper": len(' +
        HELPER +
        '.CALLS), "leaked_env": os.environ.get("FIXTURE_LEAK"), "cwd": os.getcwd(), "file_left": os.path.exists(marker), "host": os.getppid()}',
      '        open(marker, "w").close()',
      '        os.environ["FIXTURE_LEAK"] = "1"',
      '        os.chdir("/")',
      "        return seen",
    ].join("\n"),
  });
  writeFileSync(join(root, "plugins/builtin/fixture_fixture_host_state", `${HELPER}.py`), "CALLS = []\n");
  execFileSync("python3", ["tools/update_plugin_locks.py"], {
    cwd: root,
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1" },
    stdio: "pipe",
  });
  addFixturePlugin(root, {
    id: ECHO,
    methods:
      '    def echo(self, *args, **kwargs):\n        return {"args": list(args), "kwargs": kwargs}\n\n    def fail(self, *args, **kwargs):\n        raise ValueError(repr((args, kwargs)))',
  });
  addFixturePlugin(root, {
    id: HANG,
    prelude: "import os\nimport subprocess\nimport time\n",
    methods:
      '    def hang(self):\n        sleeper = subprocess.Popen(["sleep", "600"])\n        with open(os.path.join(os.environ["QUALIFY_TEST_PIDS"], "sleeper.pid"), "w") as f:\n            f.write(str(sleeper.pid))\n        while True:\n            time.sleep(0.05)',
  });
  addFixturePlugin(root, {
    id: CRASH,
    prelude: "import os\nimport sys\n",
    methods:
      '    def crash(self):\n        sys.stderr.write("fixture going down\\n")\n        sys.stderr.flush()\n        os._exit(7)',
  });
  addFixturePlugin(root, {
    id: NOISY,
    prelude: "import os\nimport subprocess\nimport sys\n",
    methods:
      '    def noise(self):\n        print("printed noise")\n        os.write(1, b"fd 1 noise\\n")\n        subprocess.run(["echo", "child noise"], check=True)\n        return {"stdin": sys.stdin.read(), "fd0": os.read(0, 100).decode()}',
  });
  addFixturePlugin(root, {
    id: NET,
    network: true,
    prelude: "import os\n",
    methods: '    def pid(self):\n        return {"in_host_process": os.getppid() != 1}',
  });
  addFixturePlugin(root, {
    id: TYPES,
    prelude:
      "import dataclasses\nimport datetime\nimport pathlib\n\n@dataclasses.dataclass\nclass Window:\n    start: datetime.datetime\n    end: datetime.datetime\n",
    methods: [
      "    def window(self, now):",
      "        assert isinstance(now, datetime.datetime), type(now)",
      '        return {"window": Window(now, now + datetime.timedelta(hours=1)), "pair": (1, 2), "tags": {"b", "a"}, "raw": b"\\x00\\x01", "where": pathlib.Path("a/b.txt")}',
    ].join("\n"),
  });
});

async function context(
  python?: string,
): Promise<{ ctx: ProbeCallContext; logged: LoggingInterpreter; pids: string; dataDir: string }> {
  const logged = await loggingInterpreter(tempDir("python"));
  const configDir = tempDir("config");
  const dataDir = tempDir("data");
  const workDir = tempDir("work");
  const pids = tempDir("pids");
  const placeholders = [
    [configDir, "<probe-config-dir>"] as const,
    [dataDir, "<probe-data-dir>"] as const,
    [workDir, "<probe-work-dir>"] as const,
  ];
  const env = {
    ...platformEnv({
      root,
      python: "python3",
      pythonExecutable: logged.python,
      configDir,
      dataDir,
      workDir,
      safeMode: false,
      timeoutMs: 0,
      platformEnv: {},
      placeholders,
    }),
    QUALIFY_TEST_PIDS: pids,
  };
  return {
    ctx: { root, workDir, python: "python3", pythonExecutable: python ?? logged.python, env, placeholders },
    logged,
    pids,
    dataDir,
  };
}

function open(ctx: ProbeCallContext, loadTimeoutMs = 60_000): ProbeHost {
  const host = new ProbeHost(ctx, loadTimeoutMs);
  onTestFinished(() => host.close());
  return host;
}

const call = (plugin: string, method: string, input: unknown = {}, timeoutMs = 20_000) => ({
  body: { op: "call", plugin, capability: FIXTURE_CAPABILITY, method, input, via: "plugin", timeout_ms: timeoutMs },
  timeoutMs,
});
const ask = async (host: ProbeHost, c: ReturnType<typeof call>) =>
  probeRunOfAnswer(await host.request(c.body, c.timeoutMs));
const hostStarts = (python: LoggingInterpreter): string[] => python.calls().filter((line) => line.includes("--serve"));

/** True while `pid` runs (a zombie waiting for its parent no longer counts). */
function running(pid: number): boolean {
  try {
    return /^State:\s+[^Z]/m.test(readFileSync(`/proc/${pid}/status`, "utf8"));
  } catch {
    return false;
  }
}

describe("the probe host: one platform load, one fork per step", () => {
  test("every step of every plugin comes from one load, and each starts from it pristine (memory, env, cwd, data dir)", async () => {
    const { ctx, logged } = await context();
    const host = open(ctx);
    const runs = [
      await ask(host, call(STATE, "count")),
      await ask(host, call(ECHO, "echo", [1])),
      await ask(host, call(STATE, "count")),
      await ask(host, call(STATE, "count")),
    ];
    expect(runs.map((r) => r.outcome)).toEqual(["ok", "ok", "ok", "ok"]);
    expect(hostStarts(logged)).toHaveLength(1);
    const seen = [runs[0], runs[2], runs[3]].map((r) => r!.result as Record<string, unknown>);
    expect(new Set(seen.map((r) => r.host)).size).toBe(1);
    // Each step saw what a fresh load would: module and helper state new, no leaked env, the scratch working
    // directory (never the target: the platform writes relative to it), and no file an earlier step wrote.
    for (const result of seen)
      expect(result).toMatchObject({
        module: 1,
        helper: 1,
        leaked_env: null,
        cwd: "<probe-work-dir>",
        file_left: false,
      });
  });

  test("property: the host answers exactly as the one-shot command a person replays (results, call errors, load failures)", async () => {
    const { ctx } = await context();
    const host = open(ctx);
    const oneShot = async (plugin: string, method: string, input: unknown, via = "plugin") => {
      const command = runnerCommand(ctx, [
        "--plugin",
        plugin,
        "--capability",
        via === "registry" ? "observability.plugin_load_report" : FIXTURE_CAPABILITY,
        "--method",
        method,
        ...(via === "registry" ? ["--via", "registry"] : []),
      ]);
      const run = await runCommand({ ...command, timeoutMs: 30_000, input: JSON.stringify(input) });
      return probeRunOfPayload(JSON.parse(run.stdout.trim().split("\n").pop()!) as Record<string, unknown>);
    };
    const step = fc.record({
      method: fc.constantFrom("echo", "fail", "missing"),
      input: fc.jsonValue({ maxDepth: 2 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 3 }), async (steps) => {
        for (const { method, input } of steps)
          expect(await ask(host, call(ECHO, method, input))).toEqual(await oneShot(ECHO, method, input));
      }),
      { seed: 7, numRuns: 4 },
    );
    const registry = {
      body: {
        op: "call",
        plugin: ECHO,
        capability: "observability.plugin_load_report",
        method: "report",
        input: {},
        via: "registry",
        timeout_ms: 20_000,
      },
      timeoutMs: 20_000,
    };
    // The platform's load report stamps its creation time (`created_utc`), as the real one does: compared without it.
    const unstamped = (run: Awaited<ReturnType<typeof ask>>) => ({
      ...run,
      result: { ...(run.result as object), created_utc: "<time>" },
    });
    expect(unstamped(await ask(host, registry))).toEqual(unstamped(await oneShot(ECHO, "report", {}, "registry")));
    const absent = await ask(host, call("fixture.absent", "echo"));
    expect(absent).toMatchObject({ outcome: "load_failed", phase: "not_enabled" });
    expect(absent).toEqual(await oneShot("fixture.absent", "echo", {}));
  }, 120_000);

  test("Python values travel tagged both ways: a datetime in; a dataclass, tuple, set, bytes and path out", async () => {
    const { ctx } = await context();
    const run = await ask(
      open(ctx),
      call(TYPES, "window", { now: { $py: "datetime", iso: "2026-03-01T12:00:00+00:00" } }),
    );
    const at = (iso: string) => ({ $py: "datetime", iso });
    expect(run).toEqual({
      outcome: "ok",
      result: {
        window: {
          $py: "dataclass",
          type: "autocapture_plugin_fixture_host_types_create_plugin.Window",
          fields: { start: at("2026-03-01T12:00:00+00:00"), end: at("2026-03-01T13:00:00+00:00") },
        },
        pair: { $py: "tuple", items: [1, 2] },
        tags: { $py: "set", items: ["a", "b"] },
        raw: { $py: "bytes", base64: "AAE=" },
        where: { $py: "path", path: "a/b.txt" },
      },
    });
    expect(await ask(open(ctx), call(TYPES, "window", { now: { $py: "datetime", iso: "not a date" } }))).toMatchObject({
      outcome: "spec_input",
      error: expect.stringContaining("tagged 'datetime'"),
    });
  });

  test("a hang: timeout at the step's own limit with the stack where it hung; what it started dies; the host serves on", async () => {
    const { ctx, logged, pids } = await context();
    const host = open(ctx);
    const started = performance.now();
    const run = await ask(host, call(HANG, "hang", {}, 1500));
    const took = performance.now() - started;
    expect(run).toMatchObject({
      outcome: "timeout",
      error_type: "ProbeTimeout",
      error: "no answer within 1500 ms; the step's process group was killed",
    });
    expect(run.stack).toMatch(/File ".*fixture_fixture_host_hang\/plugin\.py", line \d+ in hang/);
    expect(run.stack).not.toMatch(/0x[0-9a-f]{6,}/);
    expect(took).toBeLessThan(1500 + 4000);
    const sleeper = Number(readFileSync(join(pids, "sleeper.pid"), "utf8"));
    await expect.poll(() => running(sleeper), { timeout: 5_000 }).toBe(false);
    expect(await ask(host, call(ECHO, "echo", [2]))).toEqual({ outcome: "ok", result: { args: [[2]], kwargs: {} } });
    expect(hostStarts(logged)).toHaveLength(1);
  });

  test("a plugin that ends the process during its call: crashed, with the exit status; the host serves on", async () => {
    const { ctx, logged } = await context();
    const host = open(ctx);
    expect(await ask(host, call(CRASH, "crash"))).toMatchObject({ outcome: "crashed", exit_status: 7 });
    expect(await ask(host, call(ECHO, "echo", [3]))).toMatchObject({ outcome: "ok" });
    expect(hostStarts(logged)).toHaveLength(1);
  });

  test("what a plugin prints (itself or a child) is recorded as evidence and never touches the protocol", async () => {
    const { ctx } = await context();
    const run = await ask(open(ctx), call(NOISY, "noise"));
    expect(run).toEqual({
      outcome: "ok",
      result: { stdin: "", fd0: "" },
      printed: { bytes: 37, head: "printed noise\nfd 1 noise\nchild noise" },
    });
  });

  test("a network-capable plugin loads inproc under the env override, as on the real platform (its check reads the config's mode)", async () => {
    const { ctx } = await context();
    expect(await ask(open(ctx), call(NET, "pid"))).toEqual({ outcome: "ok", result: { in_host_process: true } });
  });

  test("a request the host cannot use is the suite's fault (RUNNER_CRASHED, UsageError); the next one is served", async () => {
    const { ctx } = await context();
    const host = open(ctx);
    expect(await ask(host, call(ECHO, ""))).toMatchObject({
      outcome: "runner_failed",
      fault: "RUNNER_CRASHED",
      error_type: "UsageError",
    });
    expect(await ask(host, call(ECHO, "echo", [1]))).toMatchObject({ outcome: "ok" });
  });

  test("a host killed from outside: the step in flight is the suite's fault, and the next request starts a new host", async () => {
    const { ctx, logged } = await context();
    const host = open(ctx);
    expect(await ask(host, call(ECHO, "echo", [1]))).toMatchObject({ outcome: "ok" });
    const pid = host.processId!;
    const pending = ask(host, call(HANG, "hang", {}, 10_000));
    await new Promise((r) => setTimeout(r, 500));
    process.kill(pid, "SIGKILL");
    expect(await pending).toMatchObject({ outcome: "runner_failed", fault: "RUNNER_CRASHED" });
    expect(await ask(host, call(ECHO, "echo", [1]))).toMatchObject({ outcome: "ok" });
    expect(hostStarts(logged)).toHaveLength(2);
  });
});

describe("what the runner cannot do is the suite's fault, with its own code", () => {
  test("an interpreter that does not exist: INTERPRETER_UNUSABLE", async () => {
    const { ctx } = await context("/nonexistent/python3");
    expect(await ask(open(ctx), call(ECHO, "echo"))).toMatchObject({
      outcome: "runner_failed",
      fault: "INTERPRETER_UNUSABLE",
    });
  });

  test("an interpreter that exits before the runner is ready: INTERPRETER_UNUSABLE, with its stderr", async () => {
    const dir = tempDir("badpython");
    const python = join(dir, "python3");
    writeFileSync(python, "#!/bin/sh\necho 'not a python' >&2\nexit 9\n", { mode: 0o755 });
    const { ctx } = await context(python);
    expect(await ask(open(ctx), call(ECHO, "echo"))).toMatchObject({
      outcome: "runner_failed",
      fault: "INTERPRETER_UNUSABLE",
      error: expect.stringContaining("not a python"),
    });
  });

  test("a platform without the API the runner needs: RUNNER_API naming the missing piece, for every step", async () => {
    const copy = realpathSync(copyExample().root);
    rmSync(join(copy, "autocapture_nx/kernel/loader.py"));
    const { ctx } = await context();
    const host = open({ ...ctx, root: copy, env: { ...ctx.env, AUTOCAPTURE_ROOT: copy } });
    const runs = [await ask(host, call(ECHO, "echo")), await ask(host, call(STATE, "count"))];
    for (const run of runs)
      expect(run).toMatchObject({
        outcome: "runner_failed",
        fault: "RUNNER_API",
        error: expect.stringContaining("default_config_paths"),
      });
  });

  test("a platform whose Python packages are missing: ENVIRONMENT_ERROR", async () => {
    const copy = realpathSync(copyExample().root);
    const loader = join(copy, "autocapture_nx/kernel/loader.py");
    writeFileSync(
      loader,
      readFileSync(loader, "utf8").replace(
        "from __future__ import annotations\n",
        "from __future__ import annotations\nimport qualify_no_such_package\n",
      ),
    );
    const { ctx } = await context();
    expect(
      await ask(open({ ...ctx, root: copy, env: { ...ctx.env, AUTOCAPTURE_ROOT: copy } }), call(ECHO, "echo")),
    ).toMatchObject({
      outcome: "runner_failed",
      fault: "ENVIRONMENT_ERROR",
      error: expect.stringContaining("qualify_no_such_package"),
    });
  });
});
