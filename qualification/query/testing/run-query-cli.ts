/**
 * `node --import tsx run-query-cli.ts`: one query run with the options of this process's environment, printed
 * as `{run, telemetry}` JSON. Exists so a test can run the whole harness as another (unprivileged) user: root
 * reads a chmod-000 DB anyway, so that fault is only real for somebody else.
 */
import { resolveOptions } from "../../shared/options/resolve-options.ts";
import { buildTelemetry } from "../../outputs/telemetry/build-telemetry.ts";
import { QuerySession } from "../query-session.ts";

const queries = new QuerySession(resolveOptions());
const outcome = await queries.run();
const telemetry = buildTelemetry({
  services: outcome.run.services,
  query: outcome,
  evidence: { plugins: [] },
  pluginVerdicts: new Map(),
  runVerdicts: null,
});
console.log(JSON.stringify({ run: outcome.run, telemetry }));
