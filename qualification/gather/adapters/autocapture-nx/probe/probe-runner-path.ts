import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Shipped with the suite, run inside the target root so it loads plugins through the platform's own loader. */
export const PROBE_RUNNER = join(dirname(fileURLToPath(import.meta.url)), "..", "probe-runner", "probe_runner.py");
