import { appendFileSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import type { Mutation } from "../../../../../contracts/fidelity.ts";
import type { VariantDirs } from "../../fidelity-port.ts";
import type { SeededRandom } from "../../../../shared/canonical/seeded-random.ts";

type Json = Record<string, any>;

/** The variant as the menu edits it: its config, lockfile and manifests, read once, written back at the end. */
export class VariantEdit {
  readonly config: Json;
  readonly lock: Json;
  readonly manifests = new Map<string, { rel: string; value: Json }>();
  readonly user: Json = {};
  /** Plugins whose files or manifest changed: the menu may re-lock them with the platform's own hashing. */
  readonly touched = new Set<string>();

  constructor(readonly dirs: VariantDirs) {
    this.config = readJson(join(dirs.root, "config/default.json"));
    this.lock = readJson(join(dirs.root, this.lockRel));
    for (const rel of findManifests(dirs.root, "plugins")) {
      try {
        const value = readJson(join(dirs.root, rel));
        if (typeof value.plugin_id === "string" && !this.manifests.has(value.plugin_id))
          this.manifests.set(value.plugin_id, { rel, value });
      } catch {
        // A manifest the target itself cannot parse is not something the menu edits.
      }
    }
  }

  get lockRel(): string {
    return String(this.config.plugins?.locks?.lockfile ?? "config/plugin_locks.json");
  }

  /** Plugin IDs with a manifest, sorted: the menu's choices never depend on file-system order. */
  ids(): string[] {
    return [...this.manifests.keys()].sort();
  }

  save(): void {
    writeJson(join(this.dirs.root, "config/default.json"), this.config);
    writeJson(join(this.dirs.root, this.lockRel), this.lock);
    for (const { rel, value } of this.manifests.values()) writeJson(join(this.dirs.root, rel), value);
    if (Object.keys(this.user).length > 0) writeJson(join(this.dirs.configDir, "user.json"), this.user);
  }
}

function readJson(path: string): Json {
  return JSON.parse(readFileSync(path, "utf8")) as Json;
}

function writeJson(path: string, value: unknown): void {
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

function findManifests(root: string, dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const entry of readdirSync(join(root, rel), { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      const child = join(rel, entry.name);
      if (entry.isDirectory() && entry.name !== "__pycache__") walk(child);
      else if (entry.isFile() && entry.name === "plugin.json") out.push(child);
    }
  };
  if (existsSync(join(root, dir))) walk(dir);
  return out;
}

type Apply = (edit: VariantEdit, random: SeededRandom) => Mutation;
const m = (kind: string, plugin_id: string | null, file: string, detail: string): Mutation => ({
  kind,
  plugin_id,
  file,
  detail,
});
const list = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];

function manifestOf(edit: VariantEdit, random: SeededRandom): { id: string; rel: string; value: Json } {
  const id = random.pick(edit.ids());
  const entry = edit.manifests.get(id)!;
  return { id, rel: entry.rel, value: entry.value };
}

function pluginFile(edit: VariantEdit, id: string): string {
  const { rel, value } = edit.manifests.get(id)!;
  const entry = Array.isArray(value.entrypoints)
    ? value.entrypoints.find((e: Json) => typeof e?.path === "string")
    : undefined;
  return join(dirname(rel), String(entry?.path ?? "plugin.py"));
}

/**
 * Every input the static checks read, changed the ways a repository really changes: config lists and maps, a
 * user.json override, safe mode, aliases, manifest flags, capabilities, dependencies, conflicts, compat and
 * schema-invalid fields, lock entries and their pinned versions, plugin files (content, CRLF, added, removed).
 */
export const MUTATIONS: Readonly<Record<string, Apply>> = {
  allowlist_remove(edit, random) {
    const allow = list(edit.config.plugins.allowlist);
    const id = random.pick(allow.length > 0 ? allow : edit.ids());
    edit.config.plugins.allowlist = allow.filter((x) => x !== id);
    return m("allowlist_remove", id, "config/default.json", `removed ${id} from plugins.allowlist`);
  },
  allowlist_add(edit, random) {
    const id = random.pick(edit.ids());
    edit.config.plugins.allowlist = [...new Set([...list(edit.config.plugins.allowlist), id])];
    return m("allowlist_add", id, "config/default.json", `added ${id} to plugins.allowlist`);
  },
  phantom_id(edit, random) {
    const id = `phantom.fidelity_${random.int(1, 999)}`;
    const where = random.pick(["allowlist", "default_pack", "enabled"]);
    if (where === "enabled") edit.config.plugins.enabled = { ...edit.config.plugins.enabled, [id]: true };
    else edit.config.plugins[where] = [...list(edit.config.plugins[where]), id];
    return m(
      "phantom_id",
      id,
      "config/default.json",
      `referenced ${id}, which no manifest declares, in plugins.${where}`,
    );
  },
  enabled_flip(edit, random) {
    const id = random.pick(edit.ids());
    const enabled = (edit.config.plugins.enabled ??= {});
    const now = id in enabled ? !enabled[id] : random.chance(0.5);
    enabled[id] = now;
    return m("enabled_flip", id, "config/default.json", `plugins.enabled["${id}"] = ${now}`);
  },
  enabled_unset(edit, random) {
    const keys = Object.keys(edit.config.plugins.enabled ?? {}).sort();
    const id = random.pick(keys.length > 0 ? keys : edit.ids());
    delete edit.config.plugins.enabled?.[id];
    return m(
      "enabled_unset",
      id,
      "config/default.json",
      `removed plugins.enabled["${id}"] (the manifest's default decides)`,
    );
  },
  user_override(edit, random) {
    const id = random.pick(edit.ids());
    const value = random.chance(0.5);
    edit.user.plugins = { ...edit.user.plugins, enabled: { ...edit.user.plugins?.enabled, [id]: value } };
    return m("user_override", id, "<config_dir>/user.json", `user.json plugins.enabled["${id}"] = ${value}`);
  },
  safe_mode(edit, random) {
    edit.config.plugins.safe_mode = true;
    const id = random.pick(edit.ids());
    const pack = list(edit.config.plugins.default_pack);
    const add = !pack.includes(id);
    edit.config.plugins.default_pack = add ? [...pack, id] : pack.filter((x) => x !== id);
    return m(
      "safe_mode",
      id,
      "config/default.json",
      `plugins.safe_mode = true; ${add ? "added" : "removed"} ${id} ${add ? "to" : "from"} plugins.default_pack`,
    );
  },
  quarantine(edit, random) {
    const id = random.pick(edit.ids());
    edit.config.plugins.quarantine = { ...(edit.config.plugins.quarantine ?? {}), [id]: { reason: "fidelity" } };
    return m("quarantine", id, "config/default.json", `plugins.quarantine["${id}"] set`);
  },
  alias(edit, random) {
    const { id, rel, value } = manifestOf(edit, random);
    const old = `legacy.${id}`;
    value.replaces = [...list(value.replaces), old];
    edit.config.plugins.allowlist = list(edit.config.plugins.allowlist).map((x) => (x === id ? old : x));
    if (edit.config.plugins.enabled && id in edit.config.plugins.enabled) {
      edit.config.plugins.enabled[old] = edit.config.plugins.enabled[id];
      delete edit.config.plugins.enabled[id];
    }
    edit.touched.add(id);
    return m("alias", id, rel, `${id} replaces ${old}; the config names it only as ${old}`);
  },
  manifest_enabled(edit, random) {
    const { id, rel, value } = manifestOf(edit, random);
    value.enabled = value.enabled === false;
    edit.touched.add(id);
    return m("manifest_enabled", id, rel, `manifest enabled = ${value.enabled}`);
  },
  provides_add(edit, random) {
    const { id, rel, value } = manifestOf(edit, random);
    value.provides = [...list(value.provides), `fidelity.extra_${random.int(1, 9)}`];
    edit.touched.add(id);
    return m("provides_add", id, rel, `provides += ${String(value.provides.at(-1))}`);
  },
  kind_change(edit, random) {
    const { id, rel, value } = manifestOf(edit, random);
    const entry = Array.isArray(value.entrypoints) ? value.entrypoints[0] : undefined;
    if (entry) entry.kind = `fidelity.kind_${random.int(1, 9)}`;
    edit.touched.add(id);
    return m("kind_change", id, rel, `entrypoints[0].kind = ${String(entry?.kind)}`);
  },
  depends_on(edit, random) {
    const { id, rel, value } = manifestOf(edit, random);
    const dep = random.pick([...edit.ids().filter((x) => x !== id), `phantom.dep_${random.int(1, 9)}`]);
    value.depends_on = [...list(value.depends_on), dep];
    edit.touched.add(id);
    return m("depends_on", id, rel, `depends_on += ${dep}`);
  },
  conflicts_with(edit, random) {
    const { id, rel, value } = manifestOf(edit, random);
    const other = random.pick(edit.ids().filter((x) => x !== id));
    value.conflicts_with = [...list(value.conflicts_with), other];
    edit.touched.add(id);
    return m("conflicts_with", id, rel, `conflicts_with += ${other}`);
  },
  compat_kernel(edit, random) {
    const { id, rel, value } = manifestOf(edit, random);
    value.compat = { ...(value.compat ?? {}), requires_kernel: random.pick([">=99.0.0", "<0.0.1", ">=0.0.1"]) };
    edit.touched.add(id);
    return m("compat_kernel", id, rel, `compat.requires_kernel = ${value.compat.requires_kernel}`);
  },
  compat_schema(edit, random) {
    const { id, rel, value } = manifestOf(edit, random);
    value.compat = { ...(value.compat ?? {}), requires_schema_versions: [random.pick([1, 2, 99])] };
    edit.touched.add(id);
    return m(
      "compat_schema",
      id,
      rel,
      `compat.requires_schema_versions = ${JSON.stringify(value.compat.requires_schema_versions)}`,
    );
  },
  schema_invalid(edit, random) {
    const { id, rel, value } = manifestOf(edit, random);
    const how = random.pick(["version_number", "unknown_field", "entrypoints_string"]);
    if (how === "version_number") value.version = 1;
    else if (how === "unknown_field") value.fidelity_unknown = true;
    else value.entrypoints = "plugin.py";
    edit.touched.add(id);
    return m("schema_invalid", id, rel, `manifest made schema-invalid: ${how}`);
  },
  lock_delete(edit, random) {
    const id = random.pick(edit.ids());
    delete edit.lock.plugins?.[id];
    return m("lock_delete", id, edit.lockRel, `removed the lock entry of ${id}`);
  },
  lock_alter(edit, random) {
    const id = random.pick(edit.ids());
    const entry = edit.lock.plugins?.[id];
    const field = random.pick(["artifact_sha256", "manifest_sha256", "kernel_api_version", "contract_lock_hash"]);
    if (entry) entry[field] = field === "kernel_api_version" ? "9.9.9" : "0".repeat(64);
    return m("lock_alter", id, edit.lockRel, `lock entry ${field} of ${id} altered`);
  },
  lock_minimal(edit, random) {
    const id = random.pick(edit.ids());
    const entry = edit.lock.plugins?.[id];
    if (entry) {
      delete entry.kernel_api_version;
      delete entry.contract_lock_hash;
    }
    return m("lock_minimal", id, edit.lockRel, `lock entry of ${id} without kernel_api_version and contract_lock_hash`);
  },
  file_change(edit, random) {
    const id = random.pick(edit.ids());
    const file = pluginFile(edit, id);
    appendFileSync(join(edit.dirs.root, file), `\n# fidelity ${random.int(1, 999)}\n`);
    edit.touched.add(id);
    return m("file_change", id, file, "appended a comment line");
  },
  file_crlf(edit, random) {
    const id = random.pick(edit.ids());
    const file = pluginFile(edit, id);
    const path = join(edit.dirs.root, file);
    writeFileSync(path, readFileSync(path, "utf8").replace(/\r?\n/g, "\r\n"));
    edit.touched.add(id);
    return m("file_crlf", id, file, "line endings converted to CRLF");
  },
  file_add(edit, random) {
    const id = random.pick(edit.ids());
    const file = join(dirname(edit.manifests.get(id)!.rel), `fidelity_extra_${random.int(1, 9)}.txt`);
    writeFileSync(join(edit.dirs.root, file), "added by qualify fidelity\n");
    edit.touched.add(id);
    return m("file_add", id, file, "added a file to the plugin dir");
  },
  file_remove(edit, random) {
    const id = random.pick(edit.ids());
    const dir = dirname(edit.manifests.get(id)!.rel);
    const entry = pluginFile(edit, id);
    const removable = readdirSync(join(edit.dirs.root, dir), { withFileTypes: true })
      .filter((e) => e.isFile() && e.name !== "plugin.json" && join(dir, e.name) !== entry)
      .map((e) => join(dir, e.name))
      .sort();
    if (removable.length === 0) return MUTATIONS.file_add!(edit, random);
    const file = random.pick(removable);
    rmSync(join(edit.dirs.root, file));
    edit.touched.add(id);
    return m("file_remove", id, file, `removed ${relative(dir, file)} from the plugin dir`);
  },
};
