import type { Fault, RunEvidence } from "../../contracts/evidence.ts";
import type { PluginInventory } from "../../contracts/plugin-inventory.ts";
import type { Verdict } from "../../contracts/verdict.ts";
import type { AdapterRun } from "../adapters/autocapture-nx/open-adapter.ts";
import { KERNEL_PROVIDED_CAPABILITIES, REGISTRY_PROVIDED_CAPABILITIES } from "../adapters/autocapture-nx/platform-facts.ts";
import { fail, infraError, pass } from "../checks/verdicts.ts";
import { findOrphanSpecs } from "../probe/find-orphan-specs.ts";
import type { ProbeCatalogChoice } from "../probe/resolve-probe-catalog.ts";
import { withRemediation } from "../remediation/with-remediation.ts";
import type { RunCheckId } from "./plan.ts";

export interface RunCheckInputs {
  readonly run: RunEvidence;
  readonly inventory: PluginInventory;
  readonly inputFaults: readonly (Fault | null)[];
  readonly adapter: Pick<AdapterRun, "static">;
  /** The probe catalog in use (or why none applies), and the plugin IDs that have a spec in it. */
  readonly catalog: Pick<ProbeCatalogChoice, "source" | "name" | "version" | "display" | "why">;
  readonly catalogIds: readonly string[];
}

const located = (f: Fault) => ({ locations: (f.issues.length > 0 ? f.issues : [{ pointer: "" }]).map((i) => ({ file: f.file ?? "", pointer: i.pointer })) });

const MANIFEST_REASONS = ["MANIFEST_INVALID_JSON", "MANIFEST_NOT_OBJECT", "MANIFEST_SCHEMA", "MANIFEST_COMPAT", "MANIFEST_UNREADABLE", "MANIFEST_TOO_LARGE", "ENTRYPOINT_ESCAPES_PLUGIN_DIR"] as const;

/** The fault's own code when it is a manifest reason (a missing schema is not "invalid JSON"). */
function manifestReason(fault: Fault | undefined): (typeof MANIFEST_REASONS)[number] {
  return MANIFEST_REASONS.find((code) => code === fault?.code) ?? "MANIFEST_UNREADABLE";
}

/** Facts about the whole target; each failing one is its own failing test (`run › <check>`). */
export function judgeRunChecks({ run, inventory, inputFaults, adapter, catalog, catalogIds }: RunCheckInputs): Record<RunCheckId, Verdict> {
  const inputs = [run.config.fault, ...inputFaults].filter((f): f is Fault => f !== null);
  const config_valid = inputs.length === 0 ? pass("effective config, required-plugin contracts and deprecation manifest are valid") : fail("CONFIG_INVALID", inputs.map((f) => f.detail).join("\n"), located(inputs[0]!));

  const lf = run.lockfile;
  const sig = lf.signature;
  const lockfile_valid = lf.fault
    ? fail(lf.fault.code === "LOCKFILE_MISSING" ? "LOCKFILE_MISSING" : "LOCKFILE_INVALID", lf.fault.detail, located(lf.fault))
    : sig.checked && sig.result !== "ok"
      ? fail("LOCK_SIGNATURE_INVALID", `lock signature: ${sig.result}${sig.required ? " (required)" : ""}`, { platform_error: `PluginError: plugin_locks signature invalid: ${sig.result}` })
      : pass(`${run.config.lockfile} parsed (${lf.format}); signature: ${sig.checked ? sig.result : "not present, not required"}`);

  const drifted = lf.contract_files.filter((f) => f.actual !== f.expected);
  const contract_lock_files =
    drifted.length === 0
      ? pass(`contracts/lock.json lists ${lf.contract_files.length} file(s), all matching`)
      : fail("CONTRACT_LOCK_FILES_MISMATCH", `contract files changed since contracts/lock.json was written: ${drifted.map((f) => f.rel).join(", ")}`, {
          platform_error: `contract lock mismatch: hash_mismatch:${drifted[0]!.rel}`,
          expected: drifted.map((f) => ({ rel: f.rel, sha256: f.expected })),
          actual: drifted.map((f) => ({ rel: f.rel, sha256: f.actual })),
        });

  const manifestProblems = [
    ...adapter.static.unattributedManifestFaults.map((f) => f.detail),
    ...adapter.static.duplicateManifests.map((d) => `${d.plugin_id} is declared by several manifests: ${d.manifests.join(", ")}`),
  ];
  const manifests_valid =
    manifestProblems.length === 0
      ? pass("every discovered manifest names one distinct plugin_id")
      : fail(adapter.static.duplicateManifests.length > 0 ? "DUPLICATE_PLUGIN_ID" : manifestReason(adapter.static.unattributedManifestFaults[0]), manifestProblems.join("\n"), {
          locations: adapter.static.unattributedManifestFaults.map((f) => ({ file: f.file ?? "", pointer: f.issues[0]?.pointer ?? null })),
        });

  const cliFault = run.commands.plugins_list.fault ?? (run.load_report ? null : run.commands.load_report.fault);
  const culprits = run.load_culprits && run.load_culprits.length > 0 ? `; the suite's own load of the platform finished only without ${run.load_culprits.join(", ")} (see ${run.load_culprits.length > 1 ? "their" : "its"} loaded check), the likely reason this one did not` : "";
  const platform_cli = cliFault
    ? infraError(cliFault.code === "CLI_TIMEOUT" || cliFault.code === "ENVIRONMENT_ERROR" ? cliFault.code : cliFault.code === "CLI_OUTPUT_INVALID" ? "CLI_OUTPUT_INVALID" : "CLI_FAILED", `${cliFault.detail}${cliFault === run.commands.load_report.fault ? culprits : ""}`, {
        command: run.commands.plugins_list.fault ? run.commands.plugins_list.command : run.commands.load_report.command,
      })
    : run.load_report && !run.load_report.ok
      ? fail("PLATFORM_LOAD_ABORTED", "plugins load-report: the platform's whole load raised", { platform_error: run.load_report.error ?? "", command: run.commands.load_report.command })
      : pass("plugins list and plugins load-report ran and printed the reference's JSON");

  const registered = new Set(run.load_report?.capabilities ?? []);
  const missing = run.config.required_capabilities.filter((cap) => !KERNEL_PROVIDED_CAPABILITIES.has(cap) && !REGISTRY_PROVIDED_CAPABILITIES.has(cap) && !registered.has(cap)).sort();
  const couldProvide = (cap: string): string[] =>
    [...adapter.static.manifests].filter(([, m]) => m.kinds.includes(cap) || m.provides.includes(cap)).map(([id]) => id).sort();
  const required_capabilities = !run.load_report
    ? infraError("CLI_FAILED", "no load-report, so the loaded providers are unknown")
    : missing.length === 0
      ? pass(`every kernel.required_capabilities entry has a loaded provider (kernel/registry-provided names excepted)`)
      : fail("CAPABILITY_MISSING", `no loaded provider for: ${missing.map((cap) => `${cap} (could be provided by: ${couldProvide(cap).join(", ") || "no manifest"})`).join("; ")}`, {
          expected: missing,
          actual: null,
        });

  const inventory_resolved =
    inventory.unresolved_ids.length === 0
      ? pass(`all ${inventory.plugins.length} referenced IDs resolve to a manifest or are retired`)
      : fail("UNRESOLVED_ID", `referenced without a manifest: ${inventory.unresolved_ids.map((u) => `${u.plugin_id} (by ${u.referenced_by.join(", ")})`).join("; ")}`);

  // Orphans are reported, not failed: a spec for a retired or renamed plugin is stale, not a defect of the target.
  const orphans = findOrphanSpecs(catalogIds, inventory.plugins.map((p) => p.plugin_id));
  const which = `catalog ${catalog.name ?? catalog.display}${catalog.version ? ` v${catalog.version}` : ""} (${catalog.source}: ${catalog.why})`;
  const probe_catalog =
    catalog.source === "none"
      ? fail("SPEC_MISSING", `${catalog.why}; every plugin's functional check is SPEC_MISSING`, { locations: [{ file: catalog.display, pointer: null }] })
      : pass(
          orphans.length === 0
            ? `${which}: ${catalogIds.length} spec(s), each matching a canonical plugin`
            : `${which}: ${catalogIds.length} spec(s); ${orphans.length} orphan spec(s) match no canonical plugin: ${orphans.join(", ")}`,
          orphans.length === 0 ? {} : { actual: orphans },
        );

  const verdicts = { probe_catalog, config_valid, lockfile_valid, contract_lock_files, manifests_valid, platform_cli, required_capabilities, inventory_resolved };
  const ctx = { target: run.target.root, pluginId: null };
  return Object.fromEntries(Object.entries(verdicts).map(([check, verdict]) => [check, withRemediation(verdict, ctx)])) as Record<RunCheckId, Verdict>;
}
