import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { MergeProblem, MergeReport } from "../../../contracts/proof-bundle.ts";
import { SUITE_TOOL_VERSION } from "../../shared/options/suite-version.ts";
import { stableJson } from "../../shared/canonical/canonical-json.ts";
import { OptionsError, resolveOptions } from "../../shared/options/resolve-options.ts";
import { SigningKeyError } from "../../outputs/proof/ed25519-keys.ts";
import { loadSigner } from "../../outputs/proof/load-signer.ts";
import { mergePartials } from "../../outputs/shard/merge-partials.ts";
import { openPartial, verifyCodes } from "../../outputs/shard/open-partial.ts";
import { renderMergeReport } from "../../outputs/shard/render-merge-report.ts";
import { writeMerged } from "../../outputs/shard/write-merged.ts";
import { writeReportFiles } from "../../../reporters/write-report-files.ts";
import { parseFlags, UsageError, type QualifyCommand } from "../command.ts";

/**
 * `pnpm qualify merge <partial-dir>…`: the shards' partial bundles → one complete, verified qualification
 * (final.json, report.md, junit.xml, proof/). Exit codes, like `test:qualify`'s: 0 merged and qualified; 1 merged,
 * with failing verdicts; 2 usage or key errors; 3 rejected (a partial invalid, missing, duplicated or foreign:
 * nothing is written).
 */
const merge: QualifyCommand = {
  summary: "merge the partial bundles of `test:qualify --shard i/n` runs into one complete, signed qualification",
  usage: "merge <partial-dir>… [--out <dir>] [--public-key <file>] [--allow-unsigned] [--json]",
  async run(args, io) {
    const flags = parseFlags(args, { strings: ["out", "public-key"], booleans: ["allow-unsigned", "json"] });
    if (flags.positionals.length === 0)
      throw new UsageError("give the partial bundle directories of every shard (proof-shard-<i>-of-<n>/)");
    let publicKeyText: string | null = null;
    const keyFile = flags.strings.get("public-key");
    if (keyFile !== undefined) {
      try {
        publicKeyText = readFileSync(resolve(io.cwd, keyFile), "utf8");
      } catch (error) {
        throw new UsageError(
          `cannot read --public-key ${keyFile}: ${(error as NodeJS.ErrnoException).code ?? "unreadable"}`,
        );
      }
    }
    let options: ReturnType<typeof resolveOptions>;
    let signer: ReturnType<typeof loadSigner>;
    try {
      options = resolveOptions(io.env, io.cwd);
      signer = loadSigner(options);
    } catch (error) {
      if (error instanceof OptionsError || error instanceof SigningKeyError) throw new UsageError(error.message);
      throw error;
    }
    const outDir = resolve(io.cwd, flags.strings.get("out") ?? options.outDir);

    const partials = flags.positionals.map((dir) =>
      openPartial(dir, { publicKeyText, allowUnsigned: flags.booleans.has("allow-unsigned"), cwd: io.cwd }),
    );
    const result = mergePartials(partials);
    const problems: MergeProblem[] = [...result.problems];
    let bundle: string | null = null;
    if (result.merged) {
      const written = writeMerged(outDir, result.merged, {
        signer,
        toolVersion: SUITE_TOOL_VERSION,
        nodeVersion: process.version,
        writeReports: (dir, final) => writeReportFiles(dir, final, options.githubStepSummary),
      });
      if (written.verify.ok) bundle = written.proofDir;
      else
        problems.push({
          code: "MERGED_INVALID",
          partial: null,
          detail: `the merged bundle does not verify (${verifyCodes(written.verify).join(", ")}); it was removed`,
        });
    }
    const report: MergeReport = {
      schema_version: 1,
      ok: problems.length === 0,
      code: problems[0]?.code ?? "OK",
      partials: partials.map((p) => ({ dir: p.dir, shard: p.shard, verify: verifyCodes(p.verify) })),
      problems,
      bundle,
    };
    if (flags.booleans.has("json")) io.out(stableJson(report).trimEnd());
    else {
      const s = result.merged?.final.summary;
      const summary =
        s && bundle
          ? `${s.qualified}/${s.plugins_total - s.deprecated} plugins qualified (${result.merged!.final.ok ? "OK" : "NOT OK"}), ${s.tests_emitted} plugin × check results from ${partials.length} shards; ${outDir}/final.json, report.md, junit.xml; proof bundle ${bundle} (${signer ? `signed, keyid ${signer.keyid}` : "UNSIGNED: set QUALIFY_SIGNING_KEY or QUALIFY_SIGNING_KEY_FILE to sign"})`
          : null;
      for (const line of renderMergeReport(report, summary)) io.out(line);
    }
    if (!report.ok) return 3;
    return result.merged?.final.ok ? 0 : 1;
  },
};
export default merge;
