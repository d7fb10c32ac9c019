import type { PluginEvidence, RunEvidence } from "../../../contracts/evidence.ts";
import type { Verdict } from "../../../contracts/verdict.ts";
import { culpritBehindPlatformLoad } from "./load-culprit.ts";
import { upstreamVerdict } from "./upstream.ts";
import { fail, infraError, pass } from "./verdicts.ts";

const union = (a: readonly string[], b: readonly string[]): string[] => [...new Set([...a, ...b])].sort();

/**
 * The registered names as a set, built once per load-report rather than once per plugin: every plugin is
 * judged against the same list, and rebuilding a 10,000-name set for each of 10,000 plugins was half of a
 * 10,000-plugin qualification's CPU time (bench/README.md).
 */
const registeredSets = new WeakMap<readonly string[], ReadonlySet<string>>();
function registeredSet(capabilities: readonly string[]): ReadonlySet<string> {
  let set = registeredSets.get(capabilities);
  if (!set) {
    set = new Set(capabilities);
    registeredSets.set(capabilities, set);
  }
  return set;
}
const NONE: readonly string[] = [];

/**
 * Declared = entrypoint kinds ∪ provides (how the registry reads a manifest in `load_plugins`), cross-checked against
 * three platform sources:
 * `plugins list` (the platform's own reading of the manifest), `plugins load-report` (what the registry
 * registered) and the loaded plugin's own `capabilities()` (kinds only: a missing `provides` name reuses the
 * first implementation). An empty capability object (None, no public method) counts as missing at runtime.
 */
export function judgeCapabilityPresent(plugin: PluginEvidence, run: RunEvidence, loaded: Verdict): Verdict {
  const upstream = upstreamVerdict(loaded, "loaded", "none of its capabilities can be present");
  if (upstream) return upstream;
  const culprit = culpritBehindPlatformLoad(plugin);
  if (culprit) return culprit;
  const manifest = plugin.manifest;
  if (!manifest) return fail("UPSTREAM_CHECK_FAILED", "no readable manifest, so its declared capabilities are unknown");
  const declared = union(manifest.kinds, manifest.provides);
  if (declared.length === 0)
    return fail("CAPABILITY_MISSING", `${manifest.path} declares no capability (no entrypoint kinds, no provides)`);

  const listView = judgeAgainstList(plugin, run, declared, manifest.path);
  if (listView.verdict) return listView.verdict;
  const listNote = listView.note;

  // Without a usable load-report (its plugins then judged by the suite's own load) there are no registered
  // names to compare: the plugin's own capabilities() still are, and the pass says what was not compared.
  const registered = registeredSet(run.load_report?.capabilities ?? NONE);
  const unregistered = run.load_report ? declared.filter((cap) => !registered.has(cap)) : [];
  const registeredNote = run.load_report
    ? ""
    : "; the platform's load-report is unusable, so its registered names were not compared";
  if (unregistered.length > 0)
    return fail("CAPABILITY_MISSING", `declared but not registered by the platform: ${unregistered.join(", ")}`, {
      expected: declared,
      actual: [...registered].filter((c) => declared.includes(c)),
    });
  // Registered by some plugin is not registered from this one: under subprocess hosting a plugin started lazily
  // registers the names its manifest gives (`provides`, else its entrypoint kind), whatever its code returns.
  if (plugin.registration_fault) return infraError(plugin.registration_fault.code, plugin.registration_fault.detail);
  if (plugin.registered_capabilities) {
    const fromPlugin = new Set(plugin.registered_capabilities);
    const notFromIt = declared.filter((cap) => !fromPlugin.has(cap));
    if (notFromIt.length > 0)
      return fail(
        "CAPABILITY_MISSING",
        `the platform's registry does not register ${notFromIt.join(", ")} from ${plugin.plugin_id} (it registers ${plugin.registered_capabilities.join(", ") || "nothing"} from it: a subprocess-hosted plugin started lazily registers only the names its manifest's provides gives, else its entrypoint kind)`,
        { expected: declared, actual: [...plugin.registered_capabilities] },
      );
  }
  // The listing is the suite's own machinery: whatever kept it from answering is infrastructure, with its code.
  if (plugin.runtime_fault) return infraError(plugin.runtime_fault.code, plugin.runtime_fault.detail);
  if (plugin.runtime_capabilities === null)
    return infraError("RUNNER_FAILED", "the runtime capability listing was not gathered");
  const runtime = new Set(plugin.runtime_capabilities);
  const missing = manifest.kinds.filter((cap) => !runtime.has(cap));
  if (missing.length > 0)
    return fail(
      "CAPABILITY_MISSING",
      `capabilities() of the loaded plugin returns no usable object (absent, None, or without a public method) for: ${missing.join(", ")}`,
      {
        expected: [...manifest.kinds].sort(),
        actual: [...runtime].sort(),
      },
    );
  return pass(`all declared capabilities present: ${declared.join(", ")}${listNote}${registeredNote}`);
}

/**
 * The `plugins list` cross-check. When the listing itself is unusable (it raises on any bad manifest: `registry.py`
 * `discover_manifests`) that is the run check `platform_cli`'s failure, attributed there once; every other plugin is
 * still judged from the registry and its own capabilities(), and says the list was not compared.
 */
function judgeAgainstList(
  plugin: PluginEvidence,
  run: RunEvidence,
  declared: readonly string[],
  manifestPath: string,
): { verdict: Verdict | null; note: string } {
  const list = run.commands.plugins_list;
  const listShaped = Array.isArray((list.json as { plugins?: unknown } | null)?.plugins);
  if (list.fault || !listShaped)
    return { verdict: null, note: "; plugins list unusable (see run › platform_cli), not compared" };
  const row = plugin.platform_list_row;
  if (!row)
    return {
      verdict: fail(
        "CAPABILITY_MISSING",
        `plugins list does not show ${plugin.plugin_id}, although the platform loaded it`,
        { command: list.command, expected: declared, actual: null },
      ),
      note: "",
    };
  const listed = union(row.kinds, row.provides);
  // Older platform revisions list rows without kinds/provides: nothing to compare, said so in the pass.
  if (listed.length === 0)
    return { verdict: null, note: "; plugins list rows carry no capabilities (older platform revision), not compared" };
  if (listed.join("\n") !== declared.join("\n"))
    return {
      verdict: fail(
        "CAPABILITY_MISSING",
        `plugins list shows other capabilities than ${manifestPath} declares (the platform read a different manifest)`,
        { command: list.command, expected: declared, actual: listed },
      ),
      note: "",
    };
  return { verdict: null, note: "; plugins list agrees" };
}
