import type { Remediation, RemediationCode } from "../../../contracts/remediation.ts";
import type { Verdict } from "../../../contracts/verdict.ts";

export interface RemediationContext {
  readonly target: string;
  /** Null for run-level checks. */
  readonly pluginId: string | null;
  readonly driftFiles?: readonly string[] | null;
}

const q = (text: string): string => `"${text.replace(/(["\\$`])/g, "\\$1")}"`;
/** A shell word: as it is when it needs no quoting (the common path), else double-quoted. */
const word = (text: string): string => (/^[\w@%+=:,./-]+$/.test(text) ? text : q(text));

/**
 * Pure: a failing verdict → the one step that makes it green, with the exact command where one exists.
 * Keyed on reason codes (and, for load failures, on the platform's verbatim error), never on prose.
 */
export function remediationFor(verdict: Verdict, ctx: RemediationContext): Remediation | undefined {
  if (verdict.status === "pass" || verdict.status === "not_applicable" || verdict.reason === null) return undefined;
  const id = ctx.pluginId ?? "<plugin_id>";
  const prefix = `QUALIFY_TARGET=${word(ctx.target)} pnpm qualify`;
  const align = `${prefix} align --apply --reason ${q(`align config for ${id}`)}`;
  const lockUpdate = `${prefix} lock update --plugin ${word(id)} --reason ${q(`reviewed change to ${id}`)}`;
  const make = (
    code: RemediationCode,
    summary: string,
    command: string | null = null,
    extra: Partial<Remediation> = {},
  ): Remediation => ({ code, summary, command, ...extra });
  switch (verdict.reason) {
    case "NOT_ALLOWLISTED":
      return make(
        "ADD_TO_ALLOWLIST",
        `add ${id} to plugins.allowlist (align does it, archived, with a JSON Patch preview)`,
        align,
      );
    case "DISABLED_IN_CONFIG":
    case "DISABLED_BY_MANIFEST":
    case "NOT_IN_DEFAULT_PACK":
    case "NOT_ATTEMPTED":
      return make("ENABLE_IN_CONFIG", `enable ${id} (plugins.enabled / default_pack); align sets it explicitly`, align);
    case "QUARANTINED":
      return make("UNQUARANTINE", `remove ${id} from plugins.quarantine in user.json once the crash loop is fixed`);
    case "DEPRECATED_CAPTURE_BLOCK":
      return make(
        "ADD_DEPRECATION_RECORD",
        `${id} is hard-disabled by the platform: retire it in the deprecation manifest (QUALIFY_DEPRECATIONS) or drop its references`,
        align,
      );
    case "UNRESOLVED_ID":
      return make(
        "REMOVE_STALE_REFERENCE",
        `no manifest declares ${id}: remove the stale reference (align does it) or retire it in the deprecation manifest`,
        align,
      );
    case "LOCK_ENTRY_MISSING":
    case "MANIFEST_HASH_MISMATCH":
    case "ARTIFACT_HASH_MISMATCH":
    case "KERNEL_API_VERSION_MISMATCH":
    case "CONTRACT_LOCK_HASH_MISMATCH": {
      const files = ctx.driftFiles ? [...ctx.driftFiles] : null;
      const review =
        files && files.length > 0
          ? ` after reviewing the changed files: ${files.join(", ")}`
          : " after reviewing the plugin's changes";
      return make("UPDATE_LOCK_ENTRY", `recompute the lock entry of ${id}${review}`, lockUpdate, {
        changed_files: files,
      });
    }
    case "ALGORITHM_VERSION_MISMATCH": {
      // Per plugin when the verdict names one: re-hashing everything would also accept unrelated drift unreviewed.
      const scope = ctx.pluginId === null ? "" : ` --plugin ${word(ctx.pluginId)}`;
      return make(
        "REGENERATE_LOCKFILE",
        `the lock entry was written by an older hashing algorithm: re-hash ${ctx.pluginId ?? "the plugins"} with the current one (no tampering involved)`,
        `${prefix} lock update${scope} --reason ${q("re-hash with current sha256_directory")}`,
      );
    }
    case "LOCKFILE_MISSING":
    case "LOCKFILE_INVALID":
      return make(
        "RESTORE_LOCKFILE",
        "restore the newest valid lockfile snapshot from the lock history (a pre_rollback copy of the current file is kept); pick an older one with lock diff + lock rollback <file>",
        `${prefix} lock rollback --latest`,
      );
    case "LOCK_SIGNATURE_INVALID":
      return make(
        "RESIGN_LOCKFILE",
        "review the lockfile, then re-sign it with the keyring's active anchor key (QUALIFY_KEYRING or --keyring <keyring.json>)",
        `${prefix} lock update --sign-only`,
      );
    case "CONTRACT_LOCK_FILES_MISMATCH":
      return make(
        "UPDATE_CONTRACT_LOCK",
        "contracts changed since contracts/lock.json was written: review them, then regenerate contracts/lock.json with the platform's tool",
      );
    case "SYMLINK_IN_PLUGIN_DIR":
      return make(
        "REMOVE_SYMLINK",
        `replace the symlink(s) in ${id}'s directory with real files; the platform refuses to hash symlinks`,
      );
    case "HASH_IO_ERROR":
      return make("CHECK_STORAGE", "a plugin file could not be read: check permissions and the storage it lives on");
    case "DUPLICATE_PLUGIN_ID":
      return make("REMOVE_DUPLICATE_MANIFEST", "two manifests declare one plugin_id: remove or rename one");
    case "MANIFEST_INVALID_JSON":
    case "MANIFEST_NOT_OBJECT":
    case "MANIFEST_SCHEMA":
    case "MANIFEST_COMPAT":
    case "MANIFEST_UNREADABLE":
    case "MANIFEST_TOO_LARGE":
    case "ENTRYPOINT_ESCAPES_PLUGIN_DIR":
      return make(
        "FIX_MANIFEST",
        `fix the manifest at the listed file and JSON pointer, then run lock update for ${id}`,
      );
    case "CONFIG_INVALID":
      return make("FIX_CONFIG", "fix the config/contract file at the listed JSON pointer");
    case "LOAD_HUNG":
      return make(
        "FIX_PLUGIN_CODE",
        `${id} never finishes being imported or created (its stack is in the detail): make its module and factory return; the platform cannot load while it hangs`,
        `QUALIFY_TARGET=${word(ctx.target)} pnpm test:qualify --watch -t ${q(id)}`,
      );
    case "LOAD_CRASHED":
      return make(
        "FIX_PLUGIN_CODE",
        `${id} ends the interpreter while it is imported or created (os._exit, a fatal signal): the platform's whole load dies with it`,
        `QUALIFY_TARGET=${word(ctx.target)} pnpm test:qualify --watch -t ${q(id)}`,
      );
    case "WRITES_TO_STDOUT":
      return make(
        "FIX_PLUGIN_CODE",
        `make ${id} write its diagnostics to stderr or a logger, never to stdout, where the platform prints its JSON`,
        `QUALIFY_TARGET=${word(ctx.target)} pnpm test:qualify --watch -t ${q(id)}`,
      );
    case "LOAD_FAILED":
      return loadFailure(verdict.platform_error ?? "", id, lockUpdate, make);
    case "LOAD_SKIPPED":
      return make(
        "RESOLVE_DEPENDENCY",
        `a dependency of ${id} failed or is disabled: fix that plugin first (see the platform's error)`,
      );
    case "PLATFORM_LOAD_ABORTED":
      return make(
        "FIX_CONFIG",
        "the platform's whole load raised: fix the config or lockfile problem in the platform's error",
      );
    case "CLI_TIMEOUT":
    case "CLI_FAILED":
    case "CLI_OUTPUT_INVALID":
    case "ENVIRONMENT_ERROR":
    case "RUNNER_FAILED":
      return make(
        "FIX_PLATFORM_ENVIRONMENT",
        "the platform's CLI or Python environment is broken (not a plugin verdict): run the command shown and fix what it reports",
      );
    case "RUNNER_API":
    case "RUNNER_CRASHED":
    case "RUNNER_OUTPUT_INVALID":
    case "PROBE_LOAD_DIVERGED":
      return make(
        "REPORT_SUITE_FAULT",
        "the qualification suite's probe runner could not ask the platform (not a plugin verdict): run the command shown; if the platform's API moved, the runner needs updating",
      );
    case "INTERPRETER_UNUSABLE":
      return make(
        "FIX_PLATFORM_ENVIRONMENT",
        "the interpreter cannot run the probe runner (not a plugin verdict): point QUALIFY_PYTHON at the target's Python 3 with its packages installed",
      );
    case "UPSTREAM_INFRA_ERROR":
      return make(
        "SEE_UPSTREAM_CHECK",
        "an earlier check of this plugin is infra_error: fix that infrastructure problem first; this check follows from it",
      );
    case "CAPABILITY_MISSING":
      return make(
        "FIX_PLUGIN_CODE",
        `make ${ctx.pluginId ?? "a provider"} expose the missing capability (entrypoint kind / capabilities()) or fix the manifest's declaration`,
      );
    case "UPSTREAM_CHECK_FAILED":
      return make("SEE_UPSTREAM_CHECK", "fix the earlier failing check of this plugin first; this one follows from it");
    case "SPEC_MISSING":
      return make(
        "WRITE_PROBE_SPEC",
        `write a probe spec for ${id} (scaffold starts one from its manifest)`,
        `${prefix} probe scaffold ${word(id)}`,
      );
    case "SPEC_INVALID":
      return make("FIX_PROBE_SPEC", "fix the probe spec at the listed file and JSON pointer");
    case "PROBE_FAILED":
    case "PROBE_CRASHED":
    case "NONDETERMINISTIC":
    case "PLUGIN_LOAD_FAILED":
      return make(
        "FIX_PLUGIN_CODE",
        `fix ${id} so the probe step passes; re-run only this plugin in watch mode`,
        `QUALIFY_TARGET=${word(ctx.target)} pnpm test:qualify --watch -t ${q(id)}`,
      );
    case "PROBE_TIMEOUT":
    case "HOSTING_TIMEOUT":
      return make(
        "INVESTIGATE_HOSTING",
        "a call hung: an infrastructure/hosting failure (e.g. nested calls under subprocess hosting), not a wrong answer; try inproc hosting",
      );
    case "ENVIRONMENT_UNSUPPORTED":
      return make(
        "FIX_PLATFORM_ENVIRONMENT",
        `qualify ${id} on a machine that has what its spec's requires_environment names (OS, Python module, GPU); here its steps cannot run`,
      );
    case "PROBE_SETUP_FAILED":
      return make(
        "FIX_PROBE_SPEC",
        `the spec's setup could not build its corpus: if the failing call is ${id}'s own, fix the plugin; if it went through the registry, fix that provider or the setup's input`,
      );
    case "MODULE_MISSING":
      return make(
        "FIX_PLATFORM_ENVIRONMENT",
        `install the named module in the target's interpreter (QUALIFY_PYTHON), or, if ${id} only works where it exists, declare it in its spec's requires_environment.python_modules`,
      );
    case "DEPENDENCY_DOWN":
      return make(
        "START_SERVICE",
        "start the named service (for the bundled example: pnpm example:services), then re-run",
      );
    case "DEPRECATED_REMOVED":
      return undefined;
  }
}

function loadFailure(
  platformError: string,
  id: string,
  lockUpdate: string,
  make: (c: RemediationCode, s: string, cmd?: string | null) => Remediation,
): Remediation {
  if (/hash mismatch|missing from lockfile|kernel_api_version mismatch|contract_lock_hash mismatch/.test(platformError))
    return make(
      "UPDATE_LOCK_ENTRY",
      `the platform refused ${id}'s lock entry: review the change, then update it`,
      lockUpdate,
    );
  if (/Network permission denied|inproc_not_allowlisted|must run in subprocess/.test(platformError))
    return make(
      "FIX_CONFIG",
      "grant the permission or hosting mode the platform asks for in plugins.permissions / plugins.hosting",
    );
  return make("FIX_PLUGIN_CODE", `fix ${id}'s code or settings so the platform can load it (platform error shown)`);
}
