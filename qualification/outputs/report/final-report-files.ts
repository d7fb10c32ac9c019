/** final.json: the verdict on the whole target, written only by a complete run (or a verified merge). */
export const FINAL_FILE = "final.json";
/** final.partial.json: a filtered run's or a shard's verdicts, which must never replace a complete final.json. */
export const PARTIAL_FILE = "final.partial.json";
