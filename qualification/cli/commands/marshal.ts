import { join } from "node:path";
import { resolveOptions } from "../../shared/options/resolve-options.ts";
import { DETERMINISM_FILE, MarshalError, runMarshal } from "../../commands/marshal/run-marshal.ts";
import { parseFlags, UsageError, type QualifyCommand } from "../command.ts";

const command: QualifyCommand = {
  summary:
    "run the qualification N times (shuffled, seeded) and classify every test stable | flaky | unstable_evidence",
  usage: "marshal --runs N [--seed S]",
  async run(args, io) {
    const flags = parseFlags(args, { strings: ["runs", "seed"] });
    // No silent default: how many runs decides what the marshal can see, so the user says it.
    if (!flags.strings.has("runs")) throw new UsageError("--runs N is required (N ≥ 2; 3 is a common choice)");
    const runs = Number(flags.strings.get("runs"));
    const seed = Number(flags.strings.get("seed") ?? "1");
    if (!Number.isInteger(runs) || runs < 2) throw new UsageError("--runs must be an integer ≥ 2");
    if (!Number.isInteger(seed)) throw new UsageError("--seed must be an integer");
    const options = resolveOptions(io.env, io.cwd);
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(io.env))
      if (
        value !== undefined &&
        (key.startsWith("QUALIFY_") || key.startsWith("AUTOCAPTURE_") || key === "PATH" || key === "HOME")
      )
        env[key] = value;
    try {
      const report = await runMarshal({ runs, seed, outDir: options.outDir, env, timeoutMs: 60 * 60_000, log: io.err });
      for (const t of report.tests.filter((t) => t.class !== "stable"))
        io.out(
          `${t.class.padEnd(17)} ${t.test}  verdicts: ${t.verdicts.join(" | ")}  diffs: ${t.diffs.map((d) => `run ${d.run}: ${d.pointers.join(", ")}`).join("; ")}`,
        );
      const s = report.summary;
      io.out(
        `marshal: ${s.stable} stable, ${s.flaky} flaky, ${s.unstable_evidence} unstable_evidence over ${report.runs} runs → ${join(options.outDir, DETERMINISM_FILE)}`,
      );
      return s.flaky > 0 ? 1 : 0;
    } catch (error) {
      if (error instanceof MarshalError) {
        io.err(`marshal: ${error.message}`);
        return 3;
      }
      throw error;
    }
  },
};
export default command;
