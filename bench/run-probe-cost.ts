/**
 * `pnpm bench:probe [--rounds 5]`: what one probe step costs on the target (QUALIFY_TARGET, default the bundled
 * example; QUALIFY_PROBES or the catalog that applies to it), measured side by side in one run:
 *   - the platform's own `plugins load-report` (one whole-platform load, the unit a step used to pay);
 *   - a step as the suite ran it before: a fresh platform load (config, registry, load_plugins) then the call,
 *     in one already-started interpreter (the old per-step session);
 *   - a step as it runs now: a request to the probe host, answered by a fork of its one load;
 *   - the plugin call itself: in a fresh fork of a loaded platform (what every pristine step must pay: its
 *     first-call and copy-on-write costs), and warm, repeated in one process (no step can be that cheap).
 * Each catalog spec's first step with a literal input is used. Medians; the ratios are printed at the end.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runPlatformCli } from "../qualification/gather/adapters/autocapture-nx/cli/platform-cli.ts";
import { autocaptureSettings } from "../qualification/gather/adapters/autocapture-nx/autocapture-environment.ts";
import { ProbeHosts } from "../qualification/gather/adapters/autocapture-nx/probe/probe-hosts.ts";
import { PROBE_RUNNER } from "../qualification/gather/adapters/autocapture-nx/probe/probe-runner-path.ts";
import { parseFlags } from "../qualification/cli/command.ts";
import { resolveOptions } from "../qualification/shared/options/resolve-options.ts";
import { catalogPluginIds, loadProbeSpec } from "../qualification/gather/probe/load-probe-spec.ts";
import { resolveInterpreter } from "../qualification/shared/process/resolve-interpreter.ts";
import { runCommand } from "../qualification/shared/process/run-command.ts";
import { median, timed } from "./measure/timing.ts";

const IN_PROCESS = `
import json, os, sys, time
sys.path.insert(0, os.path.dirname(sys.argv[1]))
from loaded_platform import LoadedPlatform
from platform_api import resolve_api
from probe_call import call_step
from pathlib import Path
root = Path(sys.argv[2]); steps = json.loads(sys.argv[3]); rounds = int(sys.argv[4])
os.environ["AUTOCAPTURE_ROOT"] = str(root)
api = resolve_api(root)
fresh, call = [], []
for _ in range(rounds):
    for step in steps:
        t = time.perf_counter(); platform = LoadedPlatform(api, root); call_step(platform, step); platform.close()
        fresh.append((time.perf_counter() - t) * 1000)
platform = LoadedPlatform(api, root)
first = []
for _ in range(rounds):
    for step in steps:
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:
            t = time.perf_counter(); call_step(platform, step); os.write(w, str((time.perf_counter() - t) * 1000).encode()); os._exit(0)
        os.close(w); first.append(float(os.read(r, 64))); os.close(r); os.waitpid(pid, 0)
for _ in range(rounds):
    for step in steps:
        t = time.perf_counter(); call_step(platform, step); call.append((time.perf_counter() - t) * 1000)
print(json.dumps({"fresh": fresh, "first": first, "call": call}))
`;

async function main(argv: readonly string[]): Promise<void> {
  const flags = parseFlags(argv, { strings: ["rounds"] });
  const rounds = Number(flags.strings.get("rounds") ?? "5");
  const options = resolveOptions();
  const python = await resolveInterpreter(options.python);
  const steps = catalogPluginIds(options.probeCatalog.dir).flatMap((id) => {
    const spec = loadProbeSpec(options.probeCatalog, id);
    const step = spec.ok ? spec.steps.find((s) => !s.input_from && !s.requires_service) : undefined;
    return step
      ? [
          {
            op: "call",
            plugin: id,
            capability: step.capability,
            method: step.method,
            input: step.input,
            via: step.via ?? "plugin",
            timeout_ms: step.timeout_ms,
          },
        ]
      : [];
  });
  if (steps.length === 0) throw new Error(`no probe step to measure: ${options.probeCatalog.why}`);
  const dirs = [
    mkdtempSync(join(tmpdir(), "bench-probe-config-")),
    mkdtempSync(join(tmpdir(), "bench-probe-data-")),
    mkdtempSync(join(tmpdir(), "bench-probe-work-")),
  ] as const;
  const { platformEnv } = autocaptureSettings(options);
  const env = {
    ...platformEnv,
    AUTOCAPTURE_ROOT: options.target,
    AUTOCAPTURE_CONFIG_DIR: dirs[0],
    AUTOCAPTURE_DATA_DIR: dirs[1],
    PYTHONDONTWRITEBYTECODE: "1",
  };
  const cli = {
    root: options.target,
    python: options.python,
    pythonExecutable: python,
    configDir: dirs[0],
    dataDir: dirs[1],
    workDir: dirs[2],
    safeMode: false,
    timeoutMs: options.cliTimeoutMs,
    platformEnv,
    placeholders: [],
  };
  const hosts = new ProbeHosts({
    root: options.target,
    python: options.python,
    pythonExecutable: python,
    env: { ...platformEnv, AUTOCAPTURE_ROOT: options.target, PYTHONDONTWRITEBYTECODE: "1" },
    userConfigDir: null,
    loadTimeoutMs: options.cliTimeoutMs,
    pluginLoadTimeoutMs: options.pluginLoadTimeoutMs,
  });
  try {
    const loadReport: number[] = [];
    const hostStep: number[] = [];
    const host = hosts.host(1);
    await host.request({ op: "list" }, options.cliTimeoutMs); // the one load, paid once per qualification
    for (let round = 0; round < rounds; round++) {
      loadReport.push((await timed(() => runPlatformCli(cli, ["plugins", "load-report"], [0]))).ms);
      for (const step of steps) hostStep.push((await timed(() => host.request(step, step.timeout_ms))).ms);
    }
    const inProcess = await runCommand({
      file: python,
      args: ["-c", IN_PROCESS, PROBE_RUNNER, options.target, JSON.stringify(steps), String(rounds)],
      cwd: dirs[2],
      env,
      timeoutMs: 30 * 60_000,
    });
    const { fresh, first, call } = JSON.parse(inProcess.stdout.trim().split("\n").pop() ?? "{}") as {
      fresh: number[];
      first: number[];
      call: number[];
    };
    const [lr, before, after, pristine, warm] = [
      median(loadReport),
      median(fresh),
      median(hostStep),
      median(first),
      median(call),
    ];
    const ms = (v: number) => `${v.toFixed(1)} ms`;
    console.log(
      `target ${options.target} (catalog ${options.probeCatalog.name ?? "none"}: ${steps.length} step(s): ${steps.map((s) => `${s.plugin} ${s.capability}.${s.method}`).join(", ")}), ${rounds} round(s)`,
    );
    console.log(
      "| platform's own plugins load-report | step before: fresh load + call | step now: probe host | the call in a pristine fork | the call, warm, in-process |",
    );
    console.log("|---:|---:|---:|---:|---:|");
    console.log(`| ${ms(lr)} | ${ms(before)} | ${ms(after)} | ${ms(pristine)} | ${ms(warm)} |`);
    console.log(
      `step now / step before = ${(after / before).toFixed(3)}×; step now / load-report = ${(after / lr).toFixed(3)}×; step now / the call in a pristine fork = ${(after / pristine).toFixed(2)}× (${ms(after - pristine)} of suite overhead per step)`,
    );
  } finally {
    await hosts.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}

await main(process.argv.slice(2));
