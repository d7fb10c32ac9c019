import type { QueryHosting } from "../../../../../contracts/query-run.ts";
import type { QualifyOptions } from "../../../../shared/options/resolve-options.ts";
import { autocaptureSettings } from "../autocapture-environment.ts";
import { interpreterFor } from "../../../../shared/process/resolve-interpreter.ts";
import { metadataDbPaths } from "../../../storage/metadata-db-paths.ts";
import type { QueryPort, QueryWorkspace } from "../../query-port.ts";
import type { PlatformCliContext } from "../cli/platform-cli.ts";
import { loadEffectiveConfig } from "../config/effective-config.ts";
import { prepareQueryDirs } from "./prepare-query-dirs.ts";
import { queryHosting } from "./query-hosting.ts";
import { AUTOCAPTURE_QUERY_REMEDIES } from "./query-remedies.ts";
import { cliQuery, popupRoute } from "./query-routes.ts";

/**
 * Autocapture NX's query tier: `python -m autocapture_nx query` in per-worker data dirs (each a copy of the
 * corpus, since the platform locks its data dir per query) and the 7411 popup endpoint for service-backed cases.
 */
export const autocaptureQuery: QueryPort = {
  vlmApiKey: (options) => autocaptureSettings(options).platformEnv.AUTOCAPTURE_VLM_API_KEY ?? null,
  prepare: (options, workers) => prepareWorkspace(options, workers),
  remedies: AUTOCAPTURE_QUERY_REMEDIES,
};

async function prepareWorkspace(options: QualifyOptions, workers: number): Promise<QueryWorkspace> {
  const dirs = await prepareQueryDirs(options, workers);
  const dataDirOf = (worker: number): string => dirs.dataDirs[worker] ?? dirs.dataDirs[0]!;
  // QUALIFY_QUERY_HOSTING=inproc is the platform's own env override (its user.json allows every plugin inproc).
  const given = autocaptureSettings(options).platformEnv;
  const platformEnv: Record<string, string> =
    options.queryHosting === "inproc" ? { ...given, AUTOCAPTURE_PLUGINS_HOSTING_MODE: "inproc" } : { ...given };
  return {
    workers: dirs.dataDirs.length,
    corpus: dirs.corpus,
    dbPaths: (worker) => metadataDbPaths(dataDirOf(worker), given, options.target),
    cleanup: () => dirs.cleanup(),
    async start() {
      const hosting = hostingOf(options, dirs.configDir, platformEnv);
      const python = await interpreterFor(options);
      const ctxFor = (worker: number): PlatformCliContext => ({
        root: options.target,
        python: options.python,
        pythonExecutable: python,
        configDir: dirs.configDir,
        dataDir: dataDirOf(worker),
        workDir: dirs.workDir,
        safeMode: options.safeMode,
        timeoutMs: options.queryTimeoutMs,
        platformEnv,
        placeholders: dirs.placeholders,
      });
      const popup = popupRoute(options.serviceUrls.service_7411, options.serviceTimeoutMs, options.queryTimeoutMs);
      return { hosting, cli: (worker, text) => cliQuery(ctxFor(worker), text), popup };
    },
  };
}

function hostingOf(options: QualifyOptions, configDir: string, env: Readonly<Record<string, string>>): QueryHosting {
  // The query CLI turns its metadata-only profile on by default (cmd_query), so the config is read as it reads it.
  const queryEnv = { AUTOCAPTURE_QUERY_METADATA_ONLY: "1", ...env };
  const config = loadEffectiveConfig({ root: options.target, configDir, safeMode: options.safeMode, env: queryEnv });
  return queryHosting(config, queryEnv, options.safeMode, options.queryHosting);
}
