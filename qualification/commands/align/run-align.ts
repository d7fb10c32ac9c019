import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { AlignLimitation } from "../../gather/adapters/align-limitation.ts";
import type { AlignChange, AlignPort, AlignRefusal } from "../../gather/adapters/align-port.ts";
import { requiredPort } from "../../gather/adapters/required-port.ts";
import { compareCodePoints, sha256Hex } from "../../shared/canonical/canonical-json.ts";
import { applyJsonPatch, type JsonPatchOp } from "../../shared/json/json-patch.ts";
import {
  JsonSyntaxError,
  parseOrderedJson,
  toPlain,
  type JsonNode,
  type OrderedJson,
} from "../../shared/json/ordered-json.ts";
import { displayPath } from "../lock-update/lock-paths.ts";
import type { QualifyOptions } from "../../shared/options/resolve-options.ts";
import { archiveSnapshot, assertSnapshotReason, type WriterClock } from "../writers/archive-snapshot.ts";
import { lineDiff } from "../writers/line-diff.ts";
import { replaceFile } from "../writers/replace-file.ts";
import { assertArchiveDir, readWritableFile } from "../writers/safe-paths.ts";
import { WriteRefusal } from "../writers/write-refusal.ts";
import { gatherAlignment } from "./gather-alignment.ts";
import { detectLayout, writeOrderedJson } from "./json-layout.ts";
import type { AlignChangeLabels } from "./render-align.ts";

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
  /** What the patch does to each config member it edits (the platform's plan names them). */
  readonly changes: Readonly<Record<string, AlignChange>>;
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

/** The report, and how its readable summary names the changes (the platform's words). */
export interface AlignOutcome {
  readonly report: AlignReport;
  readonly changeLabels: AlignChangeLabels;
}

const refused = (refusal: AlignRefusal): WriteRefusal => new WriteRefusal(refusal.code, refusal.detail, refusal.file);

function duplicateKey(node: JsonNode | undefined, path: string): string | null {
  if (node?.kind !== "object") return null;
  const seen = new Set<string>();
  for (const entry of node.entries) {
    if (seen.has(entry.key)) return `${path}/${entry.key}`;
    seen.add(entry.key);
  }
  return null;
}

/** The object a key path leads to, the last of duplicate keys winning as the platform's JSON reader does. */
function objectAt(root: JsonNode, keys: readonly string[]): JsonNode | undefined {
  let node: JsonNode | undefined = root;
  for (const key of keys)
    node = node?.kind === "object" ? node.entries.findLast((e) => e.key === key)?.value : undefined;
  return node;
}

function readConfig(path: string, port: AlignPort): { bytes: Buffer; text: string; doc: OrderedJson } {
  const rel = port.configFile;
  const bytes = readWritableFile(path, rel);
  const text = bytes.toString("utf8");
  let doc: OrderedJson;
  try {
    doc = parseOrderedJson(text);
  } catch (error) {
    if (error instanceof JsonSyntaxError)
      throw new WriteRefusal("CONFIG_INVALID", `${rel}: invalid JSON: ${error.message}`, rel);
    throw error;
  }
  for (const keys of port.keyedObjects) {
    const duplicate = duplicateKey(objectAt(doc.root, keys), keys.map((key) => `/${key}`).join(""));
    if (duplicate !== null)
      throw new WriteRefusal(
        "CONFIG_DUPLICATE_KEY",
        `${rel}: ${duplicate} appears more than once; which one the platform reads is not something to edit around`,
        rel,
      );
  }
  return { bytes, text, doc };
}

/**
 * `align`: plan the minimal patch to the platform's config file (its align port names the file and plans the
 * edit), check it reaches the goal in the effective config, and with `apply` archive the file before and after
 * the edit (`<file>.history/`). Every check runs in both modes, so a clean preview means `--apply` will go through.
 */
export async function runAlign(request: AlignRequest): Promise<AlignOutcome> {
  const { options } = request;
  // Before anything is read: a platform without an align port has no config this command knows how to edit.
  const port = requiredPort(options.adapter, "align", "align");
  // The config history is named as the platform names its lock history.
  const naming = requiredPort(options.adapter, "lock", "align").snapshots;
  if (request.apply && (request.reason === null || request.reason.trim() === ""))
    throw new WriteRefusal("REASON_MISSING", "--apply needs --reason <text>: it names the archived copies");
  const reason = request.reason?.trim() ?? null;
  if (reason !== null) assertSnapshotReason(`post_${reason}`, naming);
  const rel = port.configFile;
  const path = join(options.target, rel);
  const historyDir = `${path}.history`;
  const { bytes, text, doc } = readConfig(path, port);
  const plain = toPlain(doc.root);
  const invalid = port.checkConfig(plain);
  if (invalid !== null) throw refused(invalid);
  const detected = detectLayout(text, doc);
  if (!detected.ok)
    throw new WriteRefusal(
      "CONFIG_FORMAT_UNSUPPORTED",
      `${rel} line ${detected.line} is laid out in a way align cannot reproduce (${JSON.stringify(detected.actual)}, expected ${JSON.stringify(detected.expected)}); edit it by hand`,
      rel,
    );
  const { layout } = detected;
  assertArchiveDir(historyDir, `${rel}.history`);
  const context = await gatherAlignment(options, port);
  const planned = context.facts.plan(plain as Record<string, unknown>, context.targets);
  if (!planned.ok) throw refused(planned.refusal);
  const { plan } = planned;
  const aligned = applyJsonPatch(doc, plan.patch, layout.asciiOnly);
  const newText = writeOrderedJson(aligned, layout);
  const missed = plan.verify(toPlain(aligned.root) as Record<string, unknown>);
  if (missed !== null) throw refused(missed);
  const limitations: AlignLimitation[] = [...context.limitations, ...plan.limitations];
  const base = {
    ok: true as const,
    config: rel,
    reason,
    patch: plan.patch,
    patch_count: plan.patch.length,
    changes: plan.changes,
    limitations: limitations.sort(
      (a, b) => compareCodePoints(a.code, b.code) || compareCodePoints(a.plugin_id ?? "", b.plugin_id ?? ""),
    ),
    layout: {
      indent: layout.indent,
      newline: layout.newline === "\r\n" ? ("crlf" as const) : ("lf" as const),
      final_newline: /\r?\n$/.test(doc.suffix),
    },
    before_sha256: sha256Hex(bytes),
    after_sha256: sha256Hex(newText),
    diff: lineDiff(text, newText, { a: `${rel} (before)`, b: `${rel} (aligned)` }),
  };
  const labels = port.changeLabels;
  if (!request.apply || plan.patch.length === 0)
    return {
      report: { ...base, applied: false, pre_archive: null, post_archive: null, written: [] },
      changeLabels: labels,
    };
  if (Buffer.compare(readFileSync(path), bytes) !== 0)
    throw new WriteRefusal("TARGET_FILE_CHANGED", `${rel} changed while align was planning; run it again`, rel);
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
    report: {
      ...base,
      applied: true,
      pre_archive: preShown,
      post_archive: postShown,
      written: [preShown, rel, postShown],
    },
    changeLabels: labels,
  };
}
