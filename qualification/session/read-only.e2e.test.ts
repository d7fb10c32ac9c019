import { join } from "node:path";
import { expect, test } from "vitest";
import { copyExample, editJson, EXAMPLE_PLATFORM, optionsFor } from "../../setup/testing/example-copy.ts";
import { digestTree } from "../shared/io/tree-digest.ts";
import { QuerySession } from "../query/query-session.ts";
import { qualifyAll } from "./qualify-all.ts";

/**
 * Qualification is read-only on the target, byte for byte, even where the platform writes: like the real one,
 * the example writes `artifacts/audit/audit.jsonl` and `artifacts/security/plugin_sandbox_report.json` relative
 * to its working directory whenever it starts a plugin host. A copy whose plugins all run in subprocess hosts
 * starts hosts in load-report, probes and queries.
 */
test("a whole qualification (plugins, probes, query tier) leaves every byte of the target as it was", async () => {
  const { root, out } = copyExample();
  editJson(root, "config/default.json", (config) => {
    config.plugins.hosting.inproc_allowlist = [];
    config.plugins.hosting.inproc_justifications = {};
    config.plugins.hosting.rpc_timeout_s = 2;
  });
  const before = digestTree(root);
  const options = optionsFor(root, {
    QUALIFY_OUT: out,
    QUALIFY_CORPUS_DB: join(EXAMPLE_PLATFORM, "corpus/metadata.db"),
    QUALIFY_QUERY_REPEAT: "1",
    QUALIFY_SERVICE_7411_URL: "http://127.0.0.1:9",
    QUALIFY_SERVICE_8000_URL: "http://127.0.0.1:9",
  });
  const outcome = await qualifyAll(options);
  const queries = (await new QuerySession(options).run()).run;
  // The run really did start hosts and meet the hang, and still wrote nothing into the target.
  expect(queries.root_cause?.reason).toBe("hosting_timeout");
  expect(outcome.verdicts.get("builtin.ledger.basic")?.functional.status).toBe("pass");
  expect(digestTree(root)).toBe(before);
}, 180_000);
