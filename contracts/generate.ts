import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { renderContracts } from "./render-contracts.ts";

const here = dirname(fileURLToPath(import.meta.url));
for (const file of await renderContracts()) {
  const target = join(here, file.path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, file.text);
  console.log(`wrote contracts/${file.path}`);
}
