import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";
import { RunEvidence } from "../../../../../contracts/evidence.ts";
import { CHECK_IDS } from "../../../../../contracts/reason-codes.ts";
import { optionsFor, tempDir } from "../../../../../setup/testing/example-copy.ts";
import { OptionsError } from "../../../../shared/options/resolve-options.ts";
import { replayVerdicts } from "../../../../outputs/proof/verify/replay-verdicts.ts";
import { QualificationSession } from "../../../../session/qualification-session.ts";
import { ADAPTERS } from "../../adapter-registry.ts";
import { tinyPlatform } from "./tiny-platform-adapter.ts";

const FIXTURE = fileURLToPath(new URL("fixture", import.meta.url));
const adapters = { ...ADAPTERS, [tinyPlatform.name]: tinyPlatform };
const options = (env: Record<string, string> = {}) =>
  optionsFor(FIXTURE, {
    QUALIFY_ADAPTER: "tiny-platform",
    QUALIFY_PROBES: join(FIXTURE, "probes"),
    QUALIFY_OUT: tempDir("tiny-out"),
    ...env,
  });

test("a second platform qualifies through the port: its plugins and its run judged by the same checks, and replayed from its evidence", async () => {
  const session = await QualificationSession.open(options(), adapters);
  try {
    const cells: Record<string, string> = {};
    for (const { plugin_id: id } of session.plan.plugins)
      for (const [check, v] of Object.entries(await session.verdicts(id)))
        cells[`${id} › ${check}`] = `${v.status}:${v.reason ?? ""}`;
    for (const [check, v] of Object.entries(await session.runVerdicts()))
      cells[`run › ${check}`] = `${v.status}:${v.reason ?? ""}`;
    const upstream = { capability_present: "fail:UPSTREAM_CHECK_FAILED", functional: "fail:UPSTREAM_CHECK_FAILED" };
    const row = (id: string, verdicts: Record<string, string>) =>
      Object.fromEntries(CHECK_IDS.map((check) => [`${id} › ${check}`, verdicts[check] ?? "pass:"]));
    expect(cells).toEqual({
      ...row("tiny.echo", {}),
      ...row("tiny.shout", { hash_ok: "fail:MANIFEST_HASH_MISMATCH", loaded: "fail:LOAD_FAILED", ...upstream }),
      ...row("tiny.broken", { loaded: "fail:LOAD_FAILED", ...upstream }),
      ...row("tiny.off", { enabled: "fail:DISABLED_BY_MANIFEST", loaded: "fail:NOT_ATTEMPTED", ...upstream }),
      ...row("tiny.ghost", Object.fromEntries(CHECK_IDS.map((c) => [c, "fail:UNRESOLVED_ID"]))),
      "run › config_valid": "pass:",
      "run › lockfile_valid": "pass:",
      "run › contract_lock_files": "pass:",
      "run › manifests_valid": "pass:",
      "run › platform_cli": "pass:",
      "run › required_capabilities": "pass:",
      "run › inventory_resolved": "fail:UNRESOLVED_ID",
      "run › probe_catalog": "pass:",
    });
    // The platform's own words and config locations reach the verdicts as recorded data.
    const broken = await session.verdicts("tiny.broken");
    expect(broken.loaded.platform_error).toBe("ImportError: no module named tiny_broken");
    expect((await session.verdicts("tiny.off")).enabled.locations).toEqual([
      { file: "plugins/off.json", pointer: "/enabled" },
    ]);

    const evidence = RunEvidence.parse(await session.runEvidence());
    expect(evidence.adapter).toBe("tiny-platform");
    const replayed = replayVerdicts({ inventory: session.inventory, evidence, queries: null });
    for (const { plugin_id: id } of session.plan.plugins)
      expect(replayed.plugins.get(id), id).toEqual(await session.verdicts(id));
    expect(replayed.run).toEqual(await session.runVerdicts());
  } finally {
    await session.close();
  }
});

test("an adapter name nobody registered is a usage error naming the ones there are", async () => {
  await expect(QualificationSession.open(options({ QUALIFY_ADAPTER: "no-such-platform" }), adapters)).rejects.toThrow(
    OptionsError,
  );
  await expect(QualificationSession.open(options({ QUALIFY_ADAPTER: "no-such-platform" }), adapters)).rejects.toThrow(
    /known: autocapture-nx, tiny-platform/,
  );
});
