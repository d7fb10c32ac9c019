import { readFileSync } from "node:fs";
import { DeprecationManifest } from "../../../contracts/deprecation-manifest.ts";
import type { Fault, Issue } from "../../../contracts/evidence.ts";
import { sha256Hex } from "../../shared/canonical/canonical-json.ts";

export interface ContractList {
  readonly file: string;
  readonly sha256: string | null;
  readonly ids: readonly string[];
  readonly serviceBacked: readonly string[];
  readonly fault: Fault | null;
}

export interface DeprecationList {
  readonly file: string;
  readonly sha256: string | null;
  readonly retired: ReadonlyMap<string, string>;
  readonly fault: Fault | null;
}

function readJson(file: string): { bytes: Buffer | null; value: unknown; fault: Fault | null } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    return {
      bytes: null,
      value: null,
      fault: { code: "CONFIG_INVALID", detail: `${file}: ${(error as Error).message}`, file, issues: [] },
    };
  }
  try {
    return { bytes, value: JSON.parse(bytes.toString("utf8")), fault: null };
  } catch (error) {
    return {
      bytes,
      value: null,
      fault: { code: "CONFIG_INVALID", detail: `${file}: invalid JSON: ${(error as Error).message}`, file, issues: [] },
    };
  }
}

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((v) => typeof v === "string");

/**
 * A required-plugins contract (`QUALIFY_REQUIRED`): a JSON list of IDs, `{required_plugins, service_backed_plugins?}`,
 * or a platform profile (`plugins.settings.__golden_profile.required_plugins`, as in the platform's
 * `config/profiles/golden_full.json`).
 */
export function readRequiredList(file: string): ContractList {
  const { bytes, value, fault } = readJson(file);
  const sha256 = bytes ? sha256Hex(bytes) : null;
  if (fault) return { file, sha256, ids: [], serviceBacked: [], fault };
  if (isStringArray(value)) return { file, sha256, ids: value, serviceBacked: [], fault: null };
  const object = (value ?? {}) as Record<string, unknown>;
  const profile = (
    (object.plugins as Record<string, unknown> | undefined)?.settings as Record<string, unknown> | undefined
  )?.__golden_profile as Record<string, unknown> | undefined;
  const ids = object.required_plugins ?? profile?.required_plugins;
  const serviceBacked = object.service_backed_plugins ?? [];
  const issues: Issue[] = [];
  if (!isStringArray(ids))
    issues.push({
      pointer: profile ? "/plugins/settings/__golden_profile/required_plugins" : "/required_plugins",
      message: "expected an array of plugin ID strings",
    });
  if (!isStringArray(serviceBacked))
    issues.push({ pointer: "/service_backed_plugins", message: "expected an array of plugin ID strings" });
  if (issues.length > 0)
    return {
      file,
      sha256,
      ids: [],
      serviceBacked: [],
      fault: {
        code: "CONFIG_INVALID",
        detail: `${file}: not a required-plugins contract (${issues.map((i) => `${i.pointer}: ${i.message}`).join("; ")})`,
        file,
        issues,
      },
    };
  return { file, sha256, ids: ids as string[], serviceBacked: serviceBacked as string[], fault: null };
}

export function readDeprecations(file: string): DeprecationList {
  const { bytes, value, fault } = readJson(file);
  const sha256 = bytes ? sha256Hex(bytes) : null;
  if (fault) return { file, sha256, retired: new Map(), fault };
  const parsed = DeprecationManifest.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({
      pointer: `/${issue.path.join("/")}`,
      message: issue.message,
    }));
    return {
      file,
      sha256,
      retired: new Map(),
      fault: {
        code: "CONFIG_INVALID",
        detail: `${file}: ${issues.map((i) => `${i.pointer}: ${i.message}`).join("; ")}`,
        file,
        issues,
      },
    };
  }
  return {
    file,
    sha256,
    retired: new Map(parsed.data.deprecated.map((d) => [d.plugin_id, `deprecation manifest: ${d.reason}`])),
    fault: null,
  };
}
