import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type {
  AdapterRunEvidence,
  CommandEvidence,
  PluginEvidence,
  StaticPluginEvidence,
  StaticRunEvidence,
} from "../../../../../contracts/evidence.ts";
import type { ProbeEvidence } from "../../../../../contracts/probe-spec.ts";
import type { AdapterRun, PlatformAdapter } from "../../platform-adapter.ts";

/**
 * A platform that exists only for the suite's tests, to prove the port: `tiny-platform.json` at its root
 * (kernel version, allowlist, required capabilities, lock: plugin ID → sha256 of its file) and one JSON file per
 * plugin in `plugins/` (`id`, `provides`, `enabled`, `load_error`, and `answers`: what its capability returns
 * for an input). Its probe specs (`<catalog>/<id>.json`: `input`, `expect`) are "run" by looking the input up in
 * `answers`. Nothing outside this folder knows it: it qualifies through the port alone.
 */
const PLATFORM_FILE = "tiny-platform.json";

interface TinyPlatform {
  readonly kernel_version: string;
  readonly allowlist: readonly string[];
  readonly required_capabilities: readonly string[];
  readonly lock: Readonly<Record<string, string>>;
}

interface TinyPlugin {
  readonly id: string;
  readonly version: string;
  readonly provides: readonly string[];
  readonly enabled: boolean;
  readonly load_error: string | null;
  readonly answers: Readonly<Record<string, unknown>>;
}

const sha256 = (bytes: Buffer): string => createHash("sha256").update(bytes).digest("hex");
const command = (line: string, json: unknown): CommandEvidence => ({
  command: line,
  exit_code: 0,
  timed_out: false,
  stderr_excerpt: "",
  json,
  fault: null,
});

export const tinyPlatform: PlatformAdapter = {
  name: "tiny-platform",
  // It reads TINY_* variables, owns none, has no user-given dirs and no VLM.
  environment: {
    prefix: "TINY_",
    ownedBySuite: [],
    configDirVariable: null,
    dataDirVariable: null,
    vlmModel: null,
    servicesConfiguredBy: [],
  },
  async open(options) {
    const root = options.target;
    const platformBytes = readFileSync(join(root, PLATFORM_FILE));
    const platform = JSON.parse(platformBytes.toString("utf8")) as TinyPlatform;
    const plugins = new Map<string, { rel: string; bytes: Buffer; plugin: TinyPlugin }>();
    for (const name of readdirSync(join(root, "plugins")).sort()) {
      const bytes = readFileSync(join(root, "plugins", name));
      const plugin = JSON.parse(bytes.toString("utf8")) as TinyPlugin;
      plugins.set(plugin.id, { rel: `plugins/${name}`, bytes, plugin });
    }
    const staticRun: StaticRunEvidence = {
      schema_version: 3,
      adapter: "tiny-platform",
      kernel_api_version: platform.kernel_version,
      target: { root, commit: null },
      sources: [{ path: PLATFORM_FILE, role: "platform_config", sha256: sha256(platformBytes) }],
      config: {
        fault: null,
        locks_enforce: true,
        lockfile: PLATFORM_FILE,
        user_config: null,
        required_capabilities: [...platform.required_capabilities],
      },
      platform: {
        provided_capabilities: [],
        config_locations: { allowlist: { file: PLATFORM_FILE, pointer: "/allowlist" } },
      },
      manifests: {
        unattributed_faults: [],
        duplicates: [],
        required_capability_providers: Object.fromEntries(
          platform.required_capabilities.map((cap) => [
            cap,
            [...plugins.values()]
              .filter((p) => p.plugin.provides.includes(cap))
              .map((p) => p.plugin.id)
              .sort(),
          ]),
        ),
      },
      lockfile: {
        sha256: sha256(platformBytes),
        format: "tiny-v1",
        fault: null,
        contract_lock_sha256: null,
        contract_files: [],
        signature: { checked: false, required: false, result: "not_checked" },
      },
    };

    const pluginStatic = async (id: string): Promise<StaticPluginEvidence> => {
      const found = plugins.get(id);
      const digest = found ? sha256(found.bytes) : null;
      const locked = platform.lock[id];
      return {
        plugin_id: id,
        manifest: found
          ? {
              path: found.rel,
              dir: "plugins",
              version: found.plugin.version,
              enabled_default: found.plugin.enabled,
              kinds: [...found.plugin.provides],
              provides: [],
              required_capabilities: [],
              depends_on: [],
              replaces: [],
              network: false,
              fault: null,
            }
          : null,
        hashes: { manifest_sha256: digest, artifact_sha256: digest, legacy_artifact_sha256: [], fault: null },
        lock_entry: locked
          ? {
              artifact_sha256: locked,
              manifest_sha256: locked,
              kernel_api_version: platform.kernel_version,
              contract_lock_hash: null,
            }
          : null,
        // Its rule: an allowlisted plugin is enabled unless its own file says `"enabled": false`.
        config: {
          allowlisted: platform.allowlist.includes(id),
          enablement:
            found && !found.plugin.enabled
              ? {
                  enabled: false,
                  code: "DISABLED_BY_MANIFEST",
                  detail: `${found.rel} says "enabled": false`,
                  locations: [{ file: found.rel, pointer: "/enabled" }],
                }
              : { enabled: true, code: null, detail: "its file does not disable it", locations: [] },
        },
      };
    };

    /** The platform loads an allowlisted, enabled plugin whose file matches its lock, unless loading it raises. */
    const loadOf = (id: string): PluginEvidence["platform_load"] => {
      const found = plugins.get(id);
      if (!found || !platform.allowlist.includes(id) || !found.plugin.enabled) return { status: "absent", errors: [] };
      if (platform.lock[id] !== sha256(found.bytes))
        return { status: "failed", errors: [{ phase: "lock", error: `${id}: hash mismatch`, entrypoint: found.rel }] };
      if (found.plugin.load_error)
        return { status: "failed", errors: [{ phase: "load", error: found.plugin.load_error, entrypoint: found.rel }] };
      return { status: "loaded", errors: [] };
    };

    const probeOf = (id: string, plugin: TinyPlugin | null): ProbeEvidence => {
      const replay = `QUALIFY_ADAPTER=tiny-platform QUALIFY_TARGET=${root} pnpm test:qualify -t "${id}"`;
      const file = options.probeCatalog.dir ? join(options.probeCatalog.dir, `${id}.json`) : null;
      if (!file || !existsSync(file))
        return {
          spec: null,
          spec_fault: { code: "SPEC_MISSING", detail: `no probe spec for ${id}`, file: `${id}.json`, pointer: null },
          service: null,
          steps: [],
          replay,
        };
      const bytes = readFileSync(file);
      const spec = JSON.parse(bytes.toString("utf8")) as { capability: string; input: string; expect: unknown };
      const answer = plugin?.answers[spec.input];
      const run =
        answer === undefined
          ? { outcome: "error" as const, error_type: "KeyError", error: spec.input }
          : { outcome: "ok" as const, result: answer as ProbeEvidence["steps"][number]["runs"][number]["result"] };
      const step = {
        id: "answer",
        source: `${id}.json`,
        capability: spec.capability,
        method: "answer",
        via: "plugin" as const,
        requires_service: false,
        input: spec.input,
        expect: [{ kind: "equals" as const, value: spec.expect as never }],
        command: `tiny answer ${spec.capability} ${JSON.stringify(spec.input)}`,
        not_run: null,
        runs: [run, run],
      };
      return {
        spec: {
          file: `${id}.json`,
          sha256: sha256(bytes),
          spec_version: "1.0.0",
          tier: "non_service",
          requires_service: null,
        },
        spec_fault: null,
        service: null,
        steps: [step],
        replay,
      };
    };

    const pluginEvidence = async (id: string): Promise<PluginEvidence> => {
      const found = plugins.get(id) ?? null;
      const load = loadOf(id);
      const loaded = load.status === "loaded" && found ? [...found.plugin.provides] : null;
      return {
        ...(await pluginStatic(id)),
        platform_list_row: found
          ? {
              allowlisted: platform.allowlist.includes(id),
              enabled: found.plugin.enabled,
              hash_ok: platform.lock[id] === sha256(found.bytes),
              kinds: [...found.plugin.provides],
              provides: [],
            }
          : null,
        platform_load: load,
        runtime_capabilities: loaded,
        runtime_fault: null,
        registered_capabilities: loaded,
        registration_fault: null,
        isolated_load: null,
        probe: probeOf(id, found?.plugin ?? null),
      };
    };

    const registered = [...plugins.keys()]
      .filter((id) => loadOf(id).status === "loaded")
      .flatMap((id) => plugins.get(id)!.plugin.provides);
    const runEvidence = async (gathered: readonly PluginEvidence[]): Promise<AdapterRunEvidence> => ({
      ...staticRun,
      commands: {
        plugins_list: command("tiny list", { plugins: [...plugins.keys()] }),
        load_report: command("tiny load", { loaded: registered }),
      },
      load_culprits: null,
      load_report: { ok: true, error: null, capabilities: [...new Set(registered)].sort() },
      plugins: [...gathered].sort((a, b) => (a.plugin_id < b.plugin_id ? -1 : a.plugin_id > b.plugin_id ? 1 : 0)),
    });

    const run: AdapterRun = {
      staticRun,
      inventoryInputs: {
        platform: "tiny-platform",
        references: [{ source: "allowlist", ids: [...platform.allowlist] }],
        manifests: new Map([...plugins].map(([id, p]) => [id, p.rel])),
        duplicateManifests: [],
        deprecated: new Map(),
        serviceBacked: new Map(),
        allowlisted: (id) => platform.allowlist.includes(id),
        platformBucket: () => null,
      },
      pluginStatic,
      pluginEvidence,
      runEvidence,
      startPlatformRuns: () => undefined,
      startRuntimeListing: () => undefined,
      loadFindings: async () => ({ loadCulprits: [], stdoutWriters: [] }),
      reusedAnswers: () => [],
      close: async () => undefined,
    };
    return run;
  },
};
