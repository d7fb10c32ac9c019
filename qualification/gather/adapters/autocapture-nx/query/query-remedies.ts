import type { QueryRemedies } from "../../query-port.ts";

/**
 * Autocapture NX's remedies for the run-level causes its own words name: its data-dir env variable, and its
 * subprocess hosting (hanging on a nested capability call) with the config key that lets plugins run in-process.
 */
export const AUTOCAPTURE_QUERY_REMEDIES: QueryRemedies = {
  corpus_missing:
    "give the queries a corpus: QUALIFY_CORPUS_DB=<metadata.db>, or AUTOCAPTURE_DATA_DIR=<a data dir holding metadata.db>",
  hosting_timeout:
    "the platform's subprocess hosting hangs on a nested capability call (a known platform behaviour, not a plugin defect): qualify the query tier with QUALIFY_QUERY_HOSTING=inproc, or list the plugins in plugins.hosting.inproc_allowlist (with justifications) in the platform's config",
};
