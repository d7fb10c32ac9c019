import { readFileSync } from "node:fs";
import { sha256Hex } from "../canonical/canonical-json.ts";
import { displayPath } from "../lock-update/lock-paths.ts";
import { requiredPort } from "../adapters/required-port.ts";
import type { QualifyOptions } from "../options/resolve-options.ts";
import { archiveSnapshot, assertSnapshotReason, type WriterClock } from "../writers/archive-snapshot.ts";
import { lineDiff } from "../writers/line-diff.ts";
import { replaceFile } from "../writers/replace-file.ts";
import { assertArchiveDir, readWritableFile } from "../writers/safe-paths.ts";
import { WriteRefusal } from "../writers/write-refusal.ts";
import type { AlignLimitation } from "./align-limitation.ts";
import { assertAlignableConfig, DEFAULT_CONFIG_REL, defaultConfigPath, gatherAlignment } from "./gather-alignment.ts";
import { detectLayout, writeOrderedJson } from "./json-layout.ts";
import { applyJsonPatch, type JsonPatchOp } from "./json-patch.ts";
import { JsonSyntaxError, parseOrderedJson, toPlain, type JsonNode, type OrderedJson } from "./ordered-json.ts";
import { planAlignment, type AlignmentPlan } from "./plan-alignment.ts";
import { userConfigGaps } from "./user-config-gaps.ts";

export interface AlignRequest {
  readonly options: QualifyOptions;
  readonly apply: boolean;
  readonly reason: string | null;
  readonly clock: WriterClock;
}

export interface AlignReport {
  readonly ok: true;
  readonly applied: boolean;
  readonly config: string;
  readonly reason: string | null;
  /** RFC 6902, against the file as it was; empty when the config is already aligned. */
  readonly patch: readonly JsonPatchOp[];
  readonly patch_count: number;
  readonly changes: Pick<AlignmentPlan, "allowlist" | "default_pack" | "enabled">;
  readonly limitations: readonly AlignLimitation[];
  readonly layout: { readonly indent: string | null; readonly newline: "lf" | "crlf"; readonly final_newline: boolean };
  readonly before_sha256: string;
  readonly after_sha256: string;
  readonly pre_archive: string | null;
  readonly post_archive: string | null;
  readonly written: readonly string[];
  /** Readable unified diff of the file (also printed on stderr). */
  readonly diff: readonly string[];
}

function duplicateKey(node: JsonNode | undefined, path: string): string | null {
  if (node?.kind !== "object") return null;
  const seen = new Set<string>();
  for (const entry of node.entries) {
    if (seen.has(entry.key)) return `${path}/${entry.key}`;
    seen.add(entry.key);
  }
  return null;
}

function readConfig(path: string): { bytes: Buffer; text: string; doc: OrderedJson } {
  const bytes = readWritableFile(path, DEFAULT_CONFIG_REL);
  const text = bytes.toString("utf8");
  let doc: OrderedJson;
  try {
    doc = parseOrderedJson(text);
  } catch (error) {
    if (error instanceof JsonSyntaxError)
      throw new WriteRefusal(
        "CONFIG_INVALID",
        `${DEFAULT_CONFIG_REL}: invalid JSON: ${error.message}`,
        DEFAULT_CONFIG_REL,
      );
    throw error;
  }
  const plugins = doc.root.kind === "object" ? doc.root.entries.findLast((e) => e.key === "plugins")?.value : undefined;
  const enabled = plugins?.kind === "object" ? plugins.entries.findLast((e) => e.key === "enabled")?.value : undefined;
  const duplicate =
    duplicateKey(doc.root, "") ?? duplicateKey(plugins, "/plugins") ?? duplicateKey(enabled, "/plugins/enabled");
  if (duplicate !== null)
    throw new WriteRefusal(
      "CONFIG_DUPLICATE_KEY",
      `${DEFAULT_CONFIG_REL}: ${duplicate} appears more than once; which one the platform reads is not something to edit around`,
      DEFAULT_CONFIG_REL,
    );
  return { bytes, text, doc };
}

/**
 * `align`: plan the minimal patch to config/default.json, check it reaches the goal in the effective config,
 * and with `apply` archive the file before and after the edit (`config/default.json.history/`). Every check
 * runs in both modes, so a clean preview means `--apply` will go through.
 */
export async function runAlign(request: AlignRequest): Promise<AlignReport> {
  const { options } = request;
  // Before anything is read: a platform without an align port has no config this command knows how to edit.
  const port = requiredPort(options.adapter, "align", "align");
  // The config history is named as the platform names its lock history.
  const naming = requiredPort(options.adapter, "lock", "align").snapshots;
  if (request.apply && (request.reason === null || request.reason.trim() === ""))
    throw new WriteRefusal("REASON_MISSING", "--apply needs --reason <text>: it names the archived copies");
  const reason = request.reason?.trim() ?? null;
  if (reason !== null) assertSnapshotReason(`post_${reason}`, naming);
  const path = defaultConfigPath(options.target);
  const historyDir = `${path}.history`;
  const { bytes, text, doc } = readConfig(path);
  const plugins = assertAlignableConfig(toPlain(doc.root), DEFAULT_CONFIG_REL);
  const detected = detectLayout(text, doc);
  if (!detected.ok)
    throw new WriteRefusal(
      "CONFIG_FORMAT_UNSUPPORTED",
      `${DEFAULT_CONFIG_REL} line ${detected.line} is laid out in a way align cannot reproduce (${JSON.stringify(detected.actual)}, expected ${JSON.stringify(detected.expected)}); edit it by hand`,
      DEFAULT_CONFIG_REL,
    );
  const { layout } = detected;
  assertArchiveDir(historyDir, `${DEFAULT_CONFIG_REL}.history`);
  const context = await gatherAlignment(options, port);
  const plan = planAlignment(plugins, context.targets);
  const aligned = applyJsonPatch(doc, plan.patch, layout.asciiOnly);
  const newText = writeOrderedJson(aligned, layout);
  const gaps = userConfigGaps(
    toPlain(aligned.root) as Record<string, unknown>,
    context.user,
    context.userFile,
    context.targets,
  );
  if (gaps.length > 0)
    throw new WriteRefusal(
      "USER_CONFIG_OVERRIDES",
      `aligning ${DEFAULT_CONFIG_REL} cannot fix what user.json overrides (arrays replace): ${gaps.map((g) => `${g.file}#${g.pointer}: ${g.detail}`).join("; ")}`,
      gaps[0]!.file,
    );
  const base = {
    ok: true as const,
    config: DEFAULT_CONFIG_REL,
    reason,
    patch: plan.patch,
    patch_count: plan.patch.length,
    changes: { allowlist: plan.allowlist, default_pack: plan.default_pack, enabled: plan.enabled },
    limitations: context.limitations,
    layout: {
      indent: layout.indent,
      newline: layout.newline === "\r\n" ? ("crlf" as const) : ("lf" as const),
      final_newline: /\r?\n$/.test(doc.suffix),
    },
    before_sha256: sha256Hex(bytes),
    after_sha256: sha256Hex(newText),
    diff: lineDiff(text, newText, { a: `${DEFAULT_CONFIG_REL} (before)`, b: `${DEFAULT_CONFIG_REL} (aligned)` }),
  };
  if (!request.apply || plan.patch.length === 0)
    return { ...base, applied: false, pre_archive: null, post_archive: null, written: [] };
  if (Buffer.compare(readFileSync(path), bytes) !== 0)
    throw new WriteRefusal(
      "TARGET_FILE_CHANGED",
      `${DEFAULT_CONFIG_REL} changed while align was planning; run it again`,
      DEFAULT_CONFIG_REL,
    );
  const pre = archiveSnapshot({ dir: historyDir, bytes, reason: `pre_${reason}`, clock: request.clock, naming });
  replaceFile(path, newText);
  const post = archiveSnapshot({
    dir: historyDir,
    bytes: Buffer.from(newText, "utf8"),
    reason: `post_${reason}`,
    clock: request.clock,
    naming,
  });
  const [preShown, postShown] = [displayPath(options.target, pre), displayPath(options.target, post)];
  return {
    ...base,
    applied: true,
    pre_archive: preShown,
    post_archive: postShown,
    written: [preShown, DEFAULT_CONFIG_REL, postShown],
  };
}
