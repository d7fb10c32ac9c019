import { join } from "node:path";
import type { RunEvidence } from "../../../../contracts/evidence.ts";
import type { RunSection } from "../../../../contracts/final-report.ts";
import type { PluginInventory } from "../../../../contracts/plugin-inventory.ts";
import type { ShardRef } from "../../../../contracts/proof-bundle.ts";
import { SAMPLE_INVENTORY, SAMPLE_RUN } from "../../../../setup/testing/sample-final-report.ts";
import { stableJson } from "../../../shared/canonical/canonical-json.ts";
import { shardProofDir } from "../../proof/bundle-layout.ts";
import { buildBundle } from "../../proof/build-bundle.ts";
import type { Signer } from "../../proof/ed25519-keys.ts";
import { testSigner } from "../../proof/testing/sample-bundle.ts";
import { SAMPLE_EVIDENCE, sampleResults } from "../../proof/testing/sample-run.ts";
import { writeBundle } from "../../proof/write-proof-bundle.ts";
import { renderShardRun } from "../write-shard-run.ts";
import { inShard } from "../../../session/shard-view.ts";

/**
 * Shards of the sample run (qualification/outputs/proof/testing/sample-run.ts). Over 3 shards: builtin.alpha and
 * builtin.beta are in shard 1 (with the run checks), legacy.capture and missing.plugin in shard 2, and shard 3
 * is empty. Over 2: legacy.capture in shard 1, the other three in shard 2.
 */
export interface SamplePartialOptions {
  readonly inventory?: PluginInventory;
  readonly evidence?: RunEvidence;
  readonly signer?: Signer | null;
  readonly run?: RunSection;
  readonly extras?: ReadonlyMap<string, Uint8Array>;
  readonly toolVersion?: string;
}

export function writeSamplePartial(dir: string, shard: ShardRef, options: SamplePartialOptions = {}): string {
  const inventory = options.inventory ?? SAMPLE_INVENTORY;
  const full = options.evidence ?? SAMPLE_EVIDENCE;
  // A shard run gathers (and records) only its own plugins' evidence.
  const evidence: RunEvidence = { ...full, plugins: full.plugins.filter((p) => inShard(p.plugin_id, shard)) };
  const results = sampleResults(inventory, full).filter((r) =>
    r.kind === "run" ? shard.index === 1 : inShard(r.plugin_id!, shard),
  );
  const run = options.run ?? { ...SAMPLE_RUN, run_id: `run-shard-${shard.index}`, host: `host-${shard.index}` };
  const { final } = renderShardRun({ shard, inventory, evidence, results, run, queries: null, queriesComplete: true });
  const files = buildBundle(
    {
      final,
      inventoryBytes: Buffer.from(stableJson(inventory)),
      evidenceBytes: Buffer.from(stableJson(evidence)),
      evidence,
      toolVersion: options.toolVersion ?? "plugin-qualification-suite@0.1.0",
      nodeVersion: "v20.0.0",
      shard,
      ...(options.extras ? { extras: options.extras } : {}),
    },
    options.signer === undefined ? testSigner() : options.signer,
  );
  writeBundle(dir, files);
  return dir;
}

/** Every shard of `count` under `base`, in `proof-shard-i-of-n/` folders as shard runs name them. */
export function writeSamplePartials(base: string, count: number, options: SamplePartialOptions = {}): string[] {
  return Array.from({ length: count }, (_, i) =>
    writeSamplePartial(join(base, shardProofDir({ index: i + 1, count })), { index: i + 1, count }, options),
  );
}
