import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { stableJson } from "../../shared/canonical/canonical-json.ts";
import { renderVerifyReport } from "../../outputs/proof/verify/render-verify-report.ts";
import { verifyBundle } from "../../outputs/proof/verify/verify-bundle.ts";
import { parseFlags, UsageError, type QualifyCommand } from "../command.ts";

/**
 * `pnpm qualify verify <bundle-dir>`: exit 0 only when every step passes; 1 when any fails; 2 on usage errors.
 * A shard's partial bundle fails completeness (PARTIAL_BUNDLE) unless `--partial` is given.
 */
const verify: QualifyCommand = {
  summary: "check a proof bundle: signature, subjects, completeness, re-judged verdicts, target",
  usage:
    "verify <bundle-dir> [--public-key <file>] [--target <root>] [--commit <sha>] [--allow-unsigned] [--partial] [--json]",
  async run(args, io) {
    const flags = parseFlags(args, {
      strings: ["public-key", "target", "commit"],
      booleans: ["allow-unsigned", "partial", "json"],
    });
    const [dir, ...extra] = flags.positionals;
    if (!dir || extra.length > 0) throw new UsageError("give exactly one bundle directory");
    const keyFile = flags.strings.get("public-key");
    let publicKeyText: string | null = null;
    if (keyFile !== undefined) {
      try {
        publicKeyText = readFileSync(resolve(io.cwd, keyFile), "utf8");
      } catch (error) {
        throw new UsageError(
          `cannot read --public-key ${keyFile}: ${(error as NodeJS.ErrnoException).code ?? "unreadable"}`,
        );
      }
    }
    const report = verifyBundle(dir, {
      publicKeyText,
      allowUnsigned: flags.booleans.has("allow-unsigned"),
      target: flags.strings.get("target") ?? null,
      commit: flags.strings.get("commit") ?? null,
      cwd: io.cwd,
      partial: flags.booleans.has("partial"),
    });
    if (flags.booleans.has("json")) io.out(stableJson(report).trimEnd());
    else for (const line of renderVerifyReport(report)) io.out(line);
    return report.ok ? 0 : 1;
  },
};
export default verify;
