import type { Fault, StaticPluginEvidence } from "../../../contracts/evidence.ts";
import { MANIFEST_REASONS } from "../../../contracts/reason-codes.ts";
import type { Verdict } from "../../../contracts/verdict.ts";
import { fail } from "./verdicts.ts";

/**
 * A manifest fault's own code when it is a manifest reason (a missing schema is not "invalid JSON"), else
 * MANIFEST_UNREADABLE.
 */
export function manifestReason(fault: Fault | undefined): (typeof MANIFEST_REASONS)[number] {
  return MANIFEST_REASONS.find((code) => code === fault?.code) ?? "MANIFEST_UNREADABLE";
}

/** The platform never gets past a manifest it rejects: every check that needs the manifest fails with its fault. */
export function manifestFaultVerdict(plugin: StaticPluginEvidence): Verdict | null {
  const f = plugin.manifest?.fault;
  if (!f) return null;
  const path = plugin.manifest!.path;
  const locations =
    f.issues.length > 0
      ? f.issues.map((i) => ({ file: f.file ?? path, pointer: i.pointer }))
      : [{ file: f.file ?? path, pointer: null }];
  return fail(manifestReason(f), f.detail, { locations });
}

/**
 * A manifest the platform parses but refuses (schema, compat) still has an enabled state by the config: the
 * registry records the refusal among the plugins it tried to load (`failed`, phase `manifest`), so that is
 * `loaded`'s failure, not `enabled`'s. A manifest it cannot even parse names no plugin to the platform.
 */
export function configJudgesEnabled(plugin: StaticPluginEvidence): boolean {
  const code = plugin.manifest?.fault?.code;
  return code === "MANIFEST_COMPAT" || code === "MANIFEST_SCHEMA";
}
