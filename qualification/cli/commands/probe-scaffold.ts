import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { requiredPort } from "../../gather/adapters/required-port.ts";
import { OptionsError, resolveOptions } from "../../shared/options/resolve-options.ts";
import { CONTRACTS_DIR, specPath } from "../../gather/probe/load-probe-spec.ts";
import { TARGET_CATALOG } from "../../shared/options/resolve-probe-catalog.ts";
import { scaffoldSpec } from "../../gather/probe/scaffold-spec.ts";
import { parseFlags, UsageError, type QualifyCommand } from "../command.ts";

/**
 * `pnpm qualify probe scaffold <plugin_id> [--probes <dir>]`: a starting probe spec from the plugin's manifest
 * (target from QUALIFY_TARGET). It never overwrites a spec: a hand-checked expectation is worth more than a
 * fresh placeholder, so replacing one must be a deliberate delete.
 */
const probeScaffold: QualifyCommand = {
  summary: "write a starting probe spec (capability contracts + failing placeholders) for one plugin",
  usage: "probe scaffold <plugin_id> [--probes <dir>]",
  async run(args, io) {
    const flags = parseFlags(args, { strings: ["probes"] });
    const [pluginId, ...extra] = flags.positionals;
    if (!pluginId || extra.length > 0) throw new UsageError("give exactly one plugin_id");
    let options, findManifest;
    try {
      options = resolveOptions(io.env, io.cwd);
      findManifest = requiredPort(options.adapter, "pluginManifest", "probe scaffold");
    } catch (error) {
      if (!(error instanceof OptionsError)) throw error;
      io.err(`probe scaffold: ${error.message}`);
      return 1;
    }
    // Without --probes: the catalog that applies to the target, else the one the target would carry.
    const probesDir = flags.strings.has("probes")
      ? resolve(io.cwd, flags.strings.get("probes")!)
      : (options.probeCatalog.dir ?? join(options.target, TARGET_CATALOG));
    const file = specPath(probesDir, pluginId);
    if (existsSync(file)) {
      io.err(
        `probe scaffold: ${file} already exists; refusing to overwrite it (edit it, or delete it first to start over)`,
      );
      return 1;
    }
    const manifest = findManifest(options, pluginId);
    if (!manifest) {
      io.err(
        `probe scaffold: no plugin.json under ${options.target} declares ${pluginId} (searched plugins/builtin and plugins.search_paths)`,
      );
      return 1;
    }
    const capabilities = [...manifest.kinds, ...manifest.provides];
    if (capabilities.length === 0) {
      io.err(
        `probe scaffold: ${manifest.path} declares no capability (no entrypoint kinds, no provides); there is nothing to probe`,
      );
      return 1;
    }
    const contracts = new Set(capabilities.filter((cap) => existsSync(join(probesDir, CONTRACTS_DIR, `${cap}.json`))));
    const spec = scaffoldSpec(pluginId, capabilities, contracts);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(spec, null, 2)}\n`, { flag: "wx" });
    io.out(`wrote ${file} from ${manifest.path}`);
    io.out(`  capabilities: ${[...new Set(capabilities)].sort().join(", ")}`);
    io.out(
      `  includes:     ${spec.include.length > 0 ? spec.include.join(", ") : "(no capability contract exists for these yet)"}`,
    );
    io.out(
      `  ${spec.steps.length} placeholder step(s) fail until you name a real method, a real input and its exact expected output`,
    );
    if (manifest.network)
      io.out("  the plugin is network-capable: flag steps that need a service with requires_service");
    const needsEnv = probesDir !== options.probeCatalog.dir && probesDir !== join(options.target, TARGET_CATALOG);
    io.out(
      `try it: QUALIFY_TARGET=${options.target}${needsEnv ? ` QUALIFY_PROBES=${probesDir}` : ""} pnpm test:qualify -t "${pluginId}"`,
    );
    return 0;
  },
};
export default probeScaffold;
