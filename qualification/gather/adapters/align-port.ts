import type { JsonPatchOp } from "../../shared/json/json-patch.ts";
import type { AlignLimitation } from "./align-limitation.ts";

/** Where align reads the platform's config from: the target, and the config dir its user config is looked for in. */
export interface AlignInputs {
  readonly root: string;
  readonly configDir: string;
  readonly safeMode: boolean;
  readonly platformEnv: Readonly<Record<string, string>>;
}

/** What "aligned" means, from the canonical inventory: platform-neutral, the port turns it into config edits. */
export interface AlignTargets {
  /**
   * Resolved, non-deprecated plugins (and what an unresolved old ID is an alias of): enabled after alignment. Sorted.
   */
  readonly keep: readonly string[];
  /** IDs to drop from every list the config keeps, with why. */
  readonly drop: ReadonlyMap<string, "unresolved" | "deprecated">;
}

/** Why the config cannot be aligned: align prints it as a refusal (exit 1) and writes nothing. */
export interface AlignRefusal {
  readonly code: "CONFIG_INVALID" | "USER_CONFIG_OVERRIDES";
  readonly detail: string;
  readonly file: string | null;
}

/** The IDs one edited config member gains and loses. */
export interface AlignChange {
  readonly added: readonly string[];
  readonly removed: readonly string[];
}

/** The minimal edit of the config file, and what it cannot change. */
export interface AlignPlan {
  /** RFC 6902, against the file as it was; empty when the config is already aligned. */
  readonly patch: readonly JsonPatchOp[];
  /** Per edited member (the report's `changes`), in the order the readable summary lists them. */
  readonly changes: Readonly<Record<string, AlignChange>>;
  /** What the platform leaves standing whatever the edit (the inventory's own limitations are the command's). */
  readonly limitations: readonly AlignLimitation[];
  /**
   * The goal re-checked in the effective config the platform would read with the patched file (`aligned`, plain
   * JSON): null when it holds, else the refusal naming what outside the file defeats it. A miss nothing outside
   * the file explains is a bug in the plan and throws.
   */
  verify(aligned: Readonly<Record<string, unknown>>): AlignRefusal | null;
}

export type AlignPlanned =
  { readonly ok: true; readonly plan: AlignPlan } | { readonly ok: false; readonly refusal: AlignRefusal };

/**
 * The platform's own facts for one align run, read the way the platform reads them (no platform process), and
 * the planning over them: what "aligned" means comes from the canonical inventory (`AlignTargets`), how the
 * config says it is the platform's.
 */
export interface AlignFacts {
  /** The plugin an old ID in the config stands for (a manifest `replaces` it), when one claims it. */
  aliasOf(id: string): string | undefined;
  /** The patch to `config` (plain JSON, already accepted by `checkConfig`) that reaches `targets`, or a refusal. */
  plan(config: Readonly<Record<string, unknown>>, targets: AlignTargets): AlignPlanned;
}

/**
 * What `qualify align` needs from a platform adapter: which config file it edits, the platform's rules for it
 * and the plan. Reading the file, applying the patch in its own layout, archiving and refusing are the command's.
 */
export interface AlignPort {
  /** The config file align edits, relative to the target (`/`-separated): also how reports name it. */
  readonly configFile: string;
  /**
   * The objects of the file whose members the plan reads, as key paths from the root (`[]` is the root): a key
   * duplicated in one is refused, since which one the platform reads is not something to edit around.
   */
  readonly keyedObjects: ReadonlyArray<readonly string[]>;
  /** The readable summary's label for what each `changes` member gains and loses. */
  readonly changeLabels: Readonly<Record<string, { readonly added: string; readonly removed: string }>>;
  /** Null when the members the plan edits have the platform's types (`config` is the file, plain), else why not. */
  checkConfig(config: unknown): AlignRefusal | null;
  facts(inputs: AlignInputs): Promise<AlignFacts>;
}
