/**
 * The files of one synthetic plugin: what a real Autocapture NX plugin directory looks like in size and shape
 * (a manifest, the module, a README, a data file in a subfolder, a small binary asset), deterministic from the
 * plugin's index so the same N always yields the same bytes and lock.
 */

export interface SyntheticPlugin {
  readonly index: number;
  readonly id: string;
  readonly dir: string;
  readonly capability: string;
  /** The previous plugin, for every tenth plugin: a realistic sprinkle of dependency edges. */
  readonly dependsOn: string | null;
  readonly dependsOnCapability: string | null;
}

export interface PluginFile {
  readonly rel: string;
  readonly bytes: Buffer;
}

const WORDS = (
  "capture index query ledger journal anchor storage metadata retrieval answer citation time parser state vector " +
  "window cursor clipboard screen parse embed rerank policy budget schedule governor backpressure trace audit " +
  "record segment frame token entity map media keyring sanitize egress gateway plugin kernel registry lock hash"
).split(" ");

/** mulberry32: tiny, fast and deterministic; the content only has to look varied, not be random. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sentence(rand: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(rand() * WORDS.length)]!);
  const text = out.join(" ");
  return text.charAt(0).toUpperCase() + text.slice(1) + ".";
}

function paragraphs(rand: () => number, targetBytes: number): string[] {
  const lines: string[] = [];
  let size = 0;
  while (size < targetBytes) {
    const line = sentence(rand, 8 + Math.floor(rand() * 10));
    lines.push(line);
    size += line.length + 1;
  }
  return lines;
}

const pad = (n: number): string => String(n).padStart(5, "0");

export function syntheticPlugin(index: number): SyntheticPlugin {
  const id = `synthetic.plugin_${pad(index)}`;
  const dependsOn = index > 0 && index % 10 === 0 ? `synthetic.plugin_${pad(index - 1)}` : null;
  return {
    index,
    id,
    dir: `plugin_${pad(index)}`,
    capability: `synthetic.cap_${pad(index)}`,
    dependsOn,
    dependsOnCapability: dependsOn ? `synthetic.cap_${pad(index - 1)}` : null,
  };
}

function manifest(plugin: SyntheticPlugin, rand: () => number): string {
  const doc = {
    capability_tags: ["synthetic", WORDS[plugin.index % WORDS.length]!],
    compat: { requires_kernel: ">=0.1.0", requires_schema_versions: [1] },
    default_settings: { batch_size: 1 + (plugin.index % 32), label: sentence(rand, 6), threshold: 0 },
    depends_on: plugin.dependsOn ? [plugin.dependsOn] : [],
    enabled: true,
    entrypoints: [{ callable: "create_plugin", id: "default", kind: plugin.capability, path: "plugin.py" }],
    hash_lock: { artifact_sha256: "", manifest_sha256: "" },
    permissions: { filesystem: "none", gpu: false, network: false, raw_input: false },
    plugin_id: plugin.id,
    required_capabilities: plugin.dependsOnCapability ? [plugin.dependsOnCapability] : [],
    version: `1.${plugin.index % 7}.${plugin.index % 13}`,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

function module(plugin: SyntheticPlugin, rand: () => number): string {
  const helpers = Array.from({ length: 6 }, (_, i) =>
    [
      `def helper_${i}(values: list[int]) -> int:`,
      `    """${sentence(rand, 10)}"""`,
      `    total = 0`,
      `    for value in values:`,
      `        total += (value * ${i + 3}) % ${97 + i}`,
      `    return total`,
      ``,
    ].join("\n"),
  ).join("\n");
  return [
    `"""${plugin.id}: synthetic benchmark plugin providing \`${plugin.capability}\`.`,
    ``,
    ...paragraphs(rand, 600),
    `"""`,
    `from __future__ import annotations`,
    ``,
    `from typing import Any`,
    ``,
    helpers,
    ``,
    `class Capability:`,
    `    def __init__(self, plugin_id: str, settings: dict[str, Any]):`,
    `        self._plugin_id = plugin_id`,
    `        self._settings = dict(settings)`,
    ``,
    `    def describe(self) -> dict[str, Any]:`,
    `        return {"plugin_id": self._plugin_id, "settings": self._settings}`,
    ``,
    `    def score(self, values: list[int]) -> int:`,
    `        return helper_0(values) + helper_1(values)`,
    ``,
    ``,
    `class Plugin:`,
    `    def __init__(self, plugin_id: str, context: Any):`,
    `        self._capability = Capability(plugin_id, getattr(context, "settings", {}) or {})`,
    ``,
    `    def capabilities(self) -> dict[str, Any]:`,
    `        return {${JSON.stringify(plugin.capability)}: self._capability}`,
    ``,
    ``,
    `def create_plugin(plugin_id: str, context: Any) -> Plugin:`,
    `    return Plugin(plugin_id, context)`,
    ``,
  ].join("\n");
}

function readme(plugin: SyntheticPlugin, rand: () => number): string {
  return [`# ${plugin.id}`, ``, `Provides \`${plugin.capability}\`.`, ``, ...paragraphs(rand, 1800), ``].join("\n");
}

function dataJson(plugin: SyntheticPlugin, rand: () => number): string {
  const table = Array.from({ length: 24 }, (_, i) => ({
    key: `${WORDS[(plugin.index + i) % WORDS.length]}_${i}`,
    weight: Math.floor(rand() * 1000),
    note: sentence(rand, 4),
  }));
  return `${JSON.stringify({ plugin_id: plugin.id, table }, null, 2)}\n`;
}

function blob(rand: () => number, size: number): Buffer {
  const out = Buffer.allocUnsafe(size);
  for (let i = 0; i < size; i++) out[i] = Math.floor(rand() * 256);
  return out;
}

const crlf = (text: string): string => text.replace(/\n/g, "\r\n");

/**
 * About 12 KiB in 5 files across 3 directories. Line endings vary the way they do in a real tree edited on
 * several OSes: every third README, every fifth data file and every seventh module use CRLF (the platform
 * normalises them before hashing, which is part of the cost being measured).
 */
export function pluginFiles(plugin: SyntheticPlugin): PluginFile[] {
  const rand = prng(0x9e3779b9 ^ (plugin.index * 2654435761));
  const text = (rel: string, body: string, useCrlf: boolean): PluginFile => ({
    rel,
    bytes: Buffer.from(useCrlf ? crlf(body) : body, "utf8"),
  });
  return [
    text("plugin.json", manifest(plugin, rand), false),
    text("plugin.py", module(plugin, rand), plugin.index % 7 === 3),
    text("README.md", readme(plugin, rand), plugin.index % 3 === 1),
    text("data/defaults.json", dataJson(plugin, rand), plugin.index % 5 === 2),
    { rel: "assets/weights.bin", bytes: blob(rand, 4096) },
  ];
}
