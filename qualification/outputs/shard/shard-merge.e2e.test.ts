import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createServer } from "node:net";
import { expect, test } from "vitest";
import type { FinalReport } from "../../../contracts/final-report.ts";
import { copyExample, tempDir } from "../../../setup/testing/example-copy.ts";
import { stableJson } from "../../shared/canonical/canonical-json.ts";
import type { CommandIo } from "../../cli/command.ts";
import { main } from "../../cli/main.ts";
import { SUITE_ROOT } from "../../shared/options/resolve-options.ts";
import { runCommand } from "../../shared/process/run-command.ts";
import { shardProofDir } from "../proof/bundle-layout.ts";
import { testPublicKeyText, TEST_SEED_BASE64 } from "../proof/testing/sample-bundle.ts";
import { verifyBundle } from "../proof/verify/verify-bundle.ts";

/**
 * The matrix route end to end on the example platform: three real `vitest --mode qualify --shard i/3` runs
 * (each writing its signed partial bundle through the qualification reporter), merged by `pnpm qualify merge`,
 * against one real unsharded `vitest --mode qualify` of the same copy (query tier included). The four qualifications
 * run at the same time; each pays the platform's own fixed cost (plugins list, load-report, the runtime capability
 * listing). Both services point at a dead loopback port, so the one service-backed plugin fails `functional` the same
 * way in every route.
 */

/** A loopback URL where nothing listens: a port the OS handed out and took back. */
function deadUrl(): Promise<string> {
  const server = createServer();
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(`http://127.0.0.1:${port}`));
    }),
  );
}

const withoutRun = (json: string): string => {
  const { run: _run, ...rest } = JSON.parse(json) as Record<string, unknown>;
  return stableJson(rest);
};

test("shards 1/3, 2/3, 3/3 merged give the unsharded run's verdicts, final.json bytes (run aside) and evidence", async () => {
  const example = copyExample();
  const base = tempDir("shard-e2e");
  const dead = await deadUrl();
  const env = {
    QUALIFY_TARGET: example.root,
    QUALIFY_PROBES: example.probes,
    QUALIFY_SERVICE_8000_URL: dead,
    AUTOCAPTURE_VLM_ROOT_URL: dead,
    QUALIFY_SERVICE_7411_URL: dead,
    QUALIFY_SIGNING_KEY: TEST_SEED_BASE64,
  };
  const qualify = (label: string, shard: string[]) =>
    runCommand({
      file: process.execPath,
      args: [
        join(SUITE_ROOT, "node_modules/vitest/vitest.mjs"),
        "run",
        "--mode",
        "qualify",
        ...shard,
        "--reporter=dot",
      ],
      cwd: SUITE_ROOT,
      env: { CI: "true", ...env, QUALIFY_OUT: join(base, label) },
      timeoutMs: 240_000,
    });
  const [full, ...shards] = await Promise.all([
    qualify("full", []),
    ...[1, 2, 3].map((i) => qualify(`shard-${i}`, ["--shard", `${i}/3`])),
  ]);
  const unsharded = JSON.parse(readFileSync(join(base, "full", "final.json"), "utf8")) as FinalReport;
  // Everything qualifies but the service-backed plugin, whose service is down: an infra_error, never a pass.
  expect(
    unsharded.plugins
      .filter((p) => !p.qualified && p.category !== "deprecated_removed")
      .map((p) => [p.plugin_id, p.checks.functional.reason]),
    full.stderr.slice(-2000),
  ).toEqual([["builtin.vlm.vllm_localhost", "DEPENDENCY_DOWN"]]);
  shards.forEach((run, i) => expect(run.stdout, run.stderr.slice(-2000)).toContain(`shard ${i + 1}/3 partial bundle`));

  const partials = [1, 2, 3].map((index) => join(base, `shard-${index}`, shardProofDir({ index, count: 3 })));
  const keyFile = join(base, "qualify-signing.pub");
  writeFileSync(keyFile, testPublicKeyText());
  // On its own a partial is not a qualification; with --partial it verifies for its shard.
  const alone = {
    publicKeyText: testPublicKeyText(),
    allowUnsigned: false,
    target: example.root,
    commit: null,
    cwd: "/",
  };
  expect(verifyBundle(partials[1]!, alone).steps.find((s) => s.step === "completeness")!.code).toBe("PARTIAL_BUNDLE");
  for (const partial of partials)
    expect(verifyBundle(partial, { ...alone, partial: true }).steps.filter((s) => s.status === "fail")).toEqual([]);

  const merged = join(base, "merged");
  const lines: string[] = [];
  const io: CommandIo = {
    out: (l) => lines.push(l),
    err: (l) => lines.push(l),
    env: { PATH: process.env.PATH ?? "", QUALIFY_SIGNING_KEY: TEST_SEED_BASE64 },
    cwd: "/",
  };
  // Exit 1: merged, and (like the unsharded run) not qualified.
  expect(await main(["merge", ...partials, "--out", merged, "--public-key", keyFile], io), lines.join("\n")).toBe(1);

  expect(withoutRun(readFileSync(join(merged, "final.json"), "utf8"))).toBe(
    withoutRun(readFileSync(join(base, "full", "final.json"), "utf8")),
  );
  expect(readFileSync(join(merged, "evidence.json"), "utf8")).toBe(
    readFileSync(join(base, "full", "evidence.json"), "utf8"),
  );
  // The signed verdicts are the same bytes in the merged bundle and in the unsharded run's own bundle.
  expect(readFileSync(join(merged, "proof", "verdicts.json"))).toEqual(
    readFileSync(join(base, "full", "proof", "verdicts.json")),
  );
  const verified = verifyBundle(join(merged, "proof"), { ...alone, commit: unsharded.target.commit });
  expect(unsharded.queries, "the example's query tier runs in shard 1 and in the full run").not.toBeNull();
  expect(verified.steps.filter((s) => s.status === "fail")).toEqual([]);
}, 300_000);
