import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";
import { renderContracts } from "./render-contracts.ts";

const here = dirname(fileURLToPath(import.meta.url));

test("committed JSON Schemas and generated types match the zod contracts (run `pnpm contracts:generate`)", async () => {
  for (const file of await renderContracts()) {
    const committed = readFileSync(join(here, file.path), "utf8");
    expect(committed, `contracts/${file.path} drifted`).toBe(file.text);
  }
});
