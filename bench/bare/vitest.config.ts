import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/**
 * The baseline of the per-test overhead figure: Vitest alone, with the same pool, file layout and console
 * reporter as `--mode qualify`, running one file of trivial tests (`trivial.bench.ts`).
 */
export default defineConfig({
  test: {
    root: fileURLToPath(new URL(".", import.meta.url)),
    include: ["trivial.bench.ts"],
    reporters: ["default"],
    pool: "forks",
    fileParallelism: false,
    watch: false,
  },
});
