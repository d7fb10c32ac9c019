import { execFileSync } from "node:child_process";
import { readFileSync, realpathSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, onTestFinished, test } from "vitest";
import { copyExample, tempDir } from "../../../../setup/testing/example-copy.ts";
import { loggingInterpreter, type LoggingInterpreter } from "../../../../setup/testing/logging-interpreter.ts";
import { addFixturePlugin, FIXTURE_CAPABILITY } from "../../../probe/testing/fixture-plugin.ts";
import { platformEnv } from "../cli/platform-cli.ts";
import { ProbeSession, type ProbeRequest } from "./probe-session.ts";
import { runProbeCall, type ProbeCallContext } from "./run-probe-call.ts";

/**
 * The runner's session mode against a copy of the example platform with a few fixture plugins, each showing
 * one behaviour, through the real interpreter and the platform's own loader. A logging interpreter counts the
 * processes a session starts.
 */
const STATE = "fixture.session.state";
const ECHO = "fixture.session.echo";
const HANG = "fixture.session.hang";
const CRASH = "fixture.session.crash";
const NOISY = "fixture.session.noisy";
const NET = "fixture.session.net";
const HELPER = "fixture_session_helper";

let root: string;

beforeAll(() => {
  root = realpathSync(copyExample().root);
  addFixturePlugin(root, {
    id: STATE,
    // A helper imported the ordinary way: `sys.modules` would keep it (and its state) from one load to the next.
    prelude: `import os\nimport sys\nsys.path.insert(0, os.path.dirname(__file__))\nimport ${HELPER}\n_MODULE_CALLS = []\n`,
    methods: [
      "    def count(self):",
      "        _MODULE_CALLS.append(1)",
      `        ${HELPER}.CALLS.append(1)`,
      '        seen = {"module": len(_MODULE_CALLS), "helper": len(' + HELPER + '.CALLS), "leaked_env": os.environ.get("FIXTURE_LEAK"), "cwd": os.getcwd(), "path_copies": sys.path.count(os.path.dirname(__file__)), "pid": os.getpid()}',
      '        os.environ["FIXTURE_LEAK"] = "1"',
      '        os.chdir("/")',
      "        return seen",
    ].join("\n"),
  });
  writeFileSync(join(root, "plugins/builtin/fixture_fixture_session_state", `${HELPER}.py`), "CALLS = []\n");
  execFileSync("python3", ["tools/update_plugin_locks.py"], { cwd: root, env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1" }, stdio: "pipe" });
  addFixturePlugin(root, { id: ECHO, methods: "    def echo(self, *args, **kwargs):\n        return {\"args\": list(args), \"kwargs\": kwargs}\n\n    def fail(self, *args, **kwargs):\n        raise ValueError(repr((args, kwargs)))" });
  addFixturePlugin(root, {
    id: HANG,
    prelude: "import os\nimport subprocess\nimport time\n",
    methods: '    def hang(self):\n        sleeper = subprocess.Popen(["sleep", "600"])\n        with open(os.path.join(os.environ["AUTOCAPTURE_DATA_DIR"], "sleeper.pid"), "w") as f:\n            f.write(str(sleeper.pid))\n        while True:\n            time.sleep(1)',
  });
  addFixturePlugin(root, { id: CRASH, prelude: "import os\nimport sys\n", methods: '    def crash(self):\n        sys.stderr.write("fixture going down\\n")\n        sys.stderr.flush()\n        os._exit(7)' });
  addFixturePlugin(root, {
    id: NOISY,
    prelude: "import os\nimport subprocess\nimport sys\n",
    methods: '    def noise(self):\n        print("printed noise")\n        os.write(1, b"fd 1 noise\\n")\n        subprocess.run(["echo", "child noise"], check=True)\n        return {"stdin": sys.stdin.read(), "fd0": os.read(0, 100).decode()}',
  });
  addFixturePlugin(root, { id: NET, network: true, prelude: "import os\n", methods: '    def pid(self):\n        return {"pid": os.getpid()}' });
});

async function context(hosting: "inproc" | "subprocess" = "inproc"): Promise<{ ctx: ProbeCallContext; python: LoggingInterpreter; dataDir: string }> {
  const python = await loggingInterpreter(tempDir("python"));
  const configDir = tempDir("config");
  const dataDir = tempDir("data");
  const placeholders = [[configDir, "<fresh-config-dir>"] as const, [dataDir, "<fresh-data-dir>"] as const];
  const env = platformEnv({ root, python: "python3", pythonExecutable: python.python, configDir, dataDir, safeMode: false, timeoutMs: 0, platformEnv: {}, placeholders });
  const ctx: ProbeCallContext = { root, python: "python3", pythonExecutable: python.python, env, placeholders, hosting, ...(hosting === "subprocess" ? { subprocessOnly: [NET] } : {}) };
  return { ctx, python, dataDir };
}

function open(ctx: ProbeCallContext, pluginId: string): ProbeSession {
  const session = new ProbeSession(ctx, pluginId);
  onTestFinished(() => session.close());
  return session;
}

const call = (method: string, input: unknown = {}, via: ProbeRequest["via"] = "plugin"): ProbeRequest => ({ capability: FIXTURE_CAPABILITY, method, input, via });
const sessionStarts = (python: LoggingInterpreter): string[] => python.calls().filter((line) => line.includes("--session"));

/** True while `pid` runs (a zombie waiting for its parent no longer counts). */
function running(pid: number): boolean {
  try {
    return /^State:\s+[^Z]/m.test(readFileSync(`/proc/${pid}/status`, "utf8"));
  } catch {
    return false;
  }
}

describe("a probe session: one interpreter per plugin per run", () => {
  test("answers every step in one process, each with a fresh platform load, fresh plugin modules and the start state restored", async () => {
    const { ctx, python } = await context();
    const session = open(ctx, STATE);
    const runs = [await session.request(call("count"), 20_000), await session.request(call("count"), 20_000), await session.request(call("count"), 20_000)];
    expect(runs.map((r) => r.outcome)).toEqual(["ok", "ok", "ok"]);
    const results = runs.map((r) => r.result as Record<string, unknown>);
    // Three answers from one interpreter...
    expect(new Set(results.map((r) => r.pid)).size).toBe(1);
    expect(sessionStarts(python)).toHaveLength(1);
    // ...yet every step saw what a new process would: its module and its helper executed anew, no leftover env,
    // the root as working directory, the plugin's own sys.path entry once.
    for (const result of results) expect(result).toMatchObject({ module: 1, helper: 1, leaked_env: null, cwd: root, path_copies: 1 });
  });

  test("property: for any inputs, a session answers exactly as one-shot runs of the same steps do (results, call errors, load failures)", async () => {
    const { ctx } = await context();
    const oneShot = (pluginId: string, req: ProbeRequest) =>
      runProbeCall(ctx, ["--plugin", pluginId, "--capability", req.capability, "--method", req.method, ...(req.via === "registry" ? ["--via", "registry"] : [])], req.input, 20_000).then((r) => r.run);
    const step = fc.record({ method: fc.constantFrom("echo", "fail", "missing"), input: fc.jsonValue({ maxDepth: 2 }) });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 3 }), async (steps) => {
        const session = new ProbeSession(ctx, ECHO);
        try {
          for (const { method, input } of steps) expect(await session.request(call(method, input), 20_000)).toEqual(await oneShot(ECHO, call(method, input)));
        } finally {
          await session.close();
        }
      }),
      { seed: 7, numRuns: 4 },
    );
    // The registry path and the two kinds of load failure: the platform's refusal, and a plugin it never loaded.
    const registry: ProbeRequest = { capability: "observability.plugin_load_report", method: "report", input: {}, via: "registry" };
    expect(await open(ctx, ECHO).request(registry, 20_000)).toEqual(await oneShot(ECHO, registry));
    const refused = await open(ctx, NET).request(call("pid"), 20_000);
    expect(refused).toMatchObject({ outcome: "load_failed", error: "Network-capable plugins must run in subprocess hosting mode" });
    expect(refused).toEqual(await oneShot(NET, call("pid")));
    const absent = await open(ctx, "fixture.absent").request(call("echo"), 20_000);
    expect(absent).toMatchObject({ outcome: "load_failed", error_type: "PluginLoadError" });
    expect(absent).toEqual(await oneShot("fixture.absent", call("echo")));
  }, 120_000);

  test("a load failure is an answer: the session keeps serving, each step loading afresh", async () => {
    const { ctx, python } = await context();
    const session = open(ctx, "fixture.absent");
    const runs = [await session.request(call("echo"), 20_000), await session.request(call("echo"), 20_000)];
    expect(runs.map((r) => r.outcome)).toEqual(["load_failed", "load_failed"]);
    expect(sessionStarts(python)).toHaveLength(1);
  });

  test("a hang: timeout at the step's own limit, the runner's process tree killed, no later step sent", async () => {
    const { ctx, python, dataDir } = await context();
    const session = open(ctx, HANG);
    const started = performance.now();
    expect(await session.request(call("hang"), 1500)).toEqual({ outcome: "timeout", error: "no answer within 1500 ms; the runner's process tree was killed" });
    expect(performance.now() - started).toBeLessThan(15_000);
    const sleeper = Number(readFileSync(join(dataDir, "sleeper.pid"), "utf8"));
    await session.close();
    await expect.poll(() => running(sleeper), { timeout: 5_000 }).toBe(false);
    expect(await session.request(call("hang"), 1500)).toMatchObject({ outcome: "runner_failed", error: expect.stringContaining("session had already ended (no answer within 1500 ms)") });
    expect(sessionStarts(python)).toHaveLength(1);
  });

  test("a runner that dies mid-session: runner_failed with its exit code and stderr; nothing more is sent", async () => {
    const { ctx, python } = await context();
    const session = open(ctx, CRASH);
    const run = await session.request(call("crash"), 20_000);
    expect(run.outcome).toBe("runner_failed");
    expect(run.error).toMatch(/^exit 7, no JSON on stdout; stderr: [\s\S]*fixture going down$/);
    expect(await session.request(call("crash"), 20_000)).toMatchObject({ outcome: "runner_failed", error: expect.stringContaining("already ended (the runner exited (7))") });
    expect(sessionStarts(python)).toHaveLength(1);
  });

  test("what a plugin prints, writes to fd 1 (itself or a child) or reads from stdin never touches a request or an answer", async () => {
    const { ctx } = await context();
    const session = open(ctx, NOISY);
    const runs = [await session.request(call("noise"), 20_000), await session.request(call("noise"), 20_000)];
    expect(runs).toEqual([
      { outcome: "ok", result: { stdin: "", fd0: "" } },
      { outcome: "ok", result: { stdin: "", fd0: "" } },
    ]);
  });

  test("a request the runner cannot use is runner_failed (UsageError), and the session still serves the next one", async () => {
    const { ctx } = await context();
    const session = open(ctx, ECHO);
    expect(await session.request(call(""), 20_000)).toEqual({ outcome: "runner_failed", error_type: "UsageError", error: "request needs a non-empty capability and method" });
    expect(await session.request(call("echo", [1]), 20_000)).toEqual({ outcome: "ok", result: { args: [[1]], kwargs: {} } });
  });

  test("subprocess hosting (network-capable plugins): one session, a fresh plugin host per step", async () => {
    const { ctx, python } = await context("subprocess");
    const session = open(ctx, NET);
    const runs = [await session.request(call("pid"), 30_000), await session.request(call("pid"), 30_000)];
    expect(runs.map((r) => r.outcome)).toEqual(["ok", "ok"]);
    const [first, second] = runs.map((r) => (r.result as { pid: number }).pid);
    expect(first).not.toBe(second);
    expect(sessionStarts(python)).toEqual([expect.stringContaining(`--hosting subprocess --subprocess-only ${NET} --plugin ${NET} --session`)]);
    await session.close();
    expect([first, second].filter((pid) => running(pid!))).toEqual([]);
  });

  test("a session whose steps were all skipped starts nothing", async () => {
    const { ctx, python } = await context();
    await new ProbeSession(ctx, ECHO).close();
    expect(python.calls()).toEqual([]);
  });
});
