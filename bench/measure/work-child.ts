/**
 * The work `test:qualify`'s tests wrap, without Vitest: one `qualifyAll` of the target in QUALIFY_* (the same
 * session, evidence gathering and judging the generated tests await). Run as its own process by the benchmark
 * so its CPU time, Python included, is measured exactly like test:qualify's.
 */
import { resolveOptions } from "../../qualification/options/resolve-options.ts";
import { qualifyAll } from "../../qualification/session/qualify-all.ts";

const outcome = await qualifyAll(resolveOptions());
process.stdout.write(`qualified ${outcome.verdicts.size} plugins\n`);
