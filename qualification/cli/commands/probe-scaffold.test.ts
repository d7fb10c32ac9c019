import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { catalogInDir } from "../../shared/options/resolve-probe-catalog.ts";
import { ProbeSpec } from "../../../contracts/probe-spec.ts";
import { EXAMPLE_PLATFORM, EXAMPLE_PROBES, optionsFor, tempDir } from "../../../setup/testing/example-copy.ts";
import { loadProbeSpec } from "../../gather/probe/load-probe-spec.ts";
import { qualifyAll } from "../../session/qualify-all.ts";
import type { CommandIo } from "../command.ts";
import { main } from "../main.ts";

async function scaffold(args: string[], cwd: string, env: NodeJS.ProcessEnv = { QUALIFY_TARGET: EXAMPLE_PLATFORM }) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIo = { out: (l) => out.push(l), err: (l) => err.push(l), env, cwd };
  return { code: await main(["probe", "scaffold", ...args], io), out: out.join("\n"), err: err.join("\n") };
}

/** A scratch catalog holding only the committed capability contracts, so scaffolding finds them. */
function contractsOnlyCatalog(): string {
  const probes = join(tempDir("scaffold"), "probes");
  cpSync(join(EXAMPLE_PROBES, "capability-contracts"), join(probes, "capability-contracts"), { recursive: true });
  return probes;
}

describe("pnpm qualify probe scaffold", () => {
  test("writes a valid spec that includes the contracts for kinds ∪ provides and one placeholder per capability", async () => {
    const probes = contractsOnlyCatalog();
    const r = await scaffold(["builtin.storage.sqlite", "--probes", probes], "/");
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(
      `wrote ${join(probes, "builtin.storage.sqlite.json")} from plugins/builtin/storage_sqlite/plugin.json`,
    );
    const spec = ProbeSpec.parse(JSON.parse(readFileSync(join(probes, "builtin.storage.sqlite.json"), "utf8")));
    // storage.metadata_store comes from `provides`; no contract exists for it, so only storage.metadata is included.
    expect(spec).toMatchObject({
      plugin_id: "builtin.storage.sqlite",
      tier: "non_service",
      include: ["storage.metadata"],
    });
    expect(spec.steps.map((s) => s.capability)).toEqual(["storage.metadata", "storage.metadata_store"]);
    expect(JSON.stringify(spec)).not.toMatch(/TODO/i);
    expect(loadProbeSpec(catalogInDir(probes), "builtin.storage.sqlite").ok).toBe(true);
  });

  test("the scaffolded spec fails functional until edited: it never passes vacuously", async () => {
    const probes = contractsOnlyCatalog();
    expect((await scaffold(["builtin.retrieval.basic", "--probes", probes], "/")).code).toBe(0);
    const outcome = await qualifyAll(
      optionsFor(EXAMPLE_PLATFORM, { QUALIFY_PROBES: probes, QUALIFY_OUT: join(probes, "..", "out") }),
      (id) => id === "builtin.retrieval.basic",
    );
    const functional = outcome.verdicts.get("builtin.retrieval.basic")?.functional;
    expect(functional).toMatchObject({ status: "fail", reason: "PROBE_CRASHED" });
    expect(functional?.detail).toContain("first_real_call.retrieval.strategy");
    expect(functional?.detail).toContain("has no attribute 'name_a_real_method_of_retrieval_strategy'");
  }, 60_000);

  test("QUALIFY_PROBES is the default catalog, and an existing spec is never overwritten (exit 1)", async () => {
    const probes = contractsOnlyCatalog();
    const file = join(probes, "builtin.ledger.basic.json");
    writeFileSync(file, "hand-written\n");
    const r = await scaffold(["builtin.ledger.basic"], "/", {
      QUALIFY_TARGET: EXAMPLE_PLATFORM,
      QUALIFY_PROBES: probes,
    });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/already exists; refusing to overwrite/);
    expect(readFileSync(file, "utf8")).toBe("hand-written\n");
  });

  test("an unknown plugin is exit 1 with a message; a missing plugin_id is a usage error (exit 2)", async () => {
    const probes = contractsOnlyCatalog();
    const unknown = await scaffold(["builtin.no.such.plugin", "--probes", probes], "/");
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain("no plugin.json under");
    expect(unknown.err).toContain("declares builtin.no.such.plugin");
    expect((await scaffold([], "/")).code).toBe(2);
    expect((await scaffold(["a", "b"], "/")).code).toBe(2);
  });
});
