/** File names inside `QUALIFY_OUT/proof/`. Every file but the envelope and the statement copy is a subject. */
export const PROOF_DIR = "proof";
/** A shard run's partial bundle (`--shard i/n`), named apart so several shards can share one output folder. */
export const shardProofDir = (shard: { readonly index: number; readonly count: number }): string =>
  `proof-shard-${shard.index}-of-${shard.count}`;
export const ENVELOPE_FILE = "envelope.dsse.json";
/** The envelope's payload, byte for byte, for people to read; verify requires it to equal the payload. */
export const STATEMENT_FILE = "statement.json";

export const INVENTORY_FILE = "inventory.json";
export const EVIDENCE_FILE = "evidence.json";
/** final.json without its `run` section. */
export const VERDICTS_FILE = "verdicts.json";
/** The run section: the only file that may differ between two runs on the same inputs. */
export const RUN_FILE = "run.json";
export const VERSIONS_FILE = "versions.json";

/** A merged bundle's provenance: the partials it was made from (`pnpm qualify merge`). */
export const SHARDS_FILE = "shards.json";

/**
 * Written into QUALIFY_OUT by other parts of the suite; copied into the bundle when present. telemetry.json is
 * copied without its `*_ms` latency members (schema: contracts/telemetry_bundle.schema.json), so the payload stays
 * byte-identical across runs apart from run.json.
 */
export const OPTIONAL_FILES = [
  "db_health.json",
  "determinism.json",
  "queries.json",
  SHARDS_FILE,
  "strict_matrix.json",
  "telemetry.json",
] as const;

/** Subjects that may differ between two runs on the same inputs, when present (the predicate lists those present). */
export const NONDETERMINISTIC_FILES = [RUN_FILE, SHARDS_FILE] as const;

/** Files that are not subjects of the statement (they carry it). */
export const CARRIER_FILES: ReadonlySet<string> = new Set([ENVELOPE_FILE, STATEMENT_FILE]);
