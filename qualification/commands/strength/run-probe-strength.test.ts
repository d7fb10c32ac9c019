import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";
import { ADAPTERS } from "../../gather/adapters/adapter-registry.ts";
import { MissingPortError } from "../../gather/adapters/required-port.ts";
import { tinyPlatform } from "../../gather/adapters/testing/tiny-platform/tiny-platform-adapter.ts";
import { runProbeStrength } from "./run-probe-strength.ts";

const TINY = fileURLToPath(new URL("../../gather/adapters/testing/tiny-platform/fixture", import.meta.url));

test("probe strength on a platform whose adapter cannot make mutants is a usage error naming it, before any judging", async () => {
  const judged: string[] = [];
  const run = runProbeStrength({
    env: { PATH: process.env.PATH ?? "", QUALIFY_TARGET: TINY, QUALIFY_ADAPTER: tinyPlatform.name },
    pluginIds: ["tiny.echo"],
    budget: 1,
    seed: 1,
    log: (line) => judged.push(line),
    adapters: { ...ADAPTERS, [tinyPlatform.name]: tinyPlatform },
  });
  await expect(run).rejects.toThrow(MissingPortError);
  await expect(run).rejects.toThrow('the adapter "tiny-platform" cannot run `qualify probe strength`');
  expect(judged).toEqual([]);
});
