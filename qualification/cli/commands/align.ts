import { renderAlign, runAlign, type AlignChangeLabels } from "../../commands/align/index.ts";
import { systemClock } from "../../commands/writers/archive-snapshot.ts";
import { commandOptions, runWriterCommand } from "../run-writer-command.ts";
import { parseFlags, UsageError, type QualifyCommand } from "../command.ts";

const ALIGN_FLAGS = { strings: ["reason"], booleans: ["apply"] } as const;

/**
 * `pnpm qualify align [--apply] --reason <text>`: the minimal JSON Patch that makes config/default.json's
 * allowlist, enabled map and default_pack agree with the canonical inventory. Without `--apply` it writes
 * nothing. JSON report on stdout, readable diff on stderr; exit 1 on a refusal, 2 on usage.
 */
const align: QualifyCommand = {
  summary:
    "align plugins.allowlist/enabled/default_pack with the canonical inventory (JSON Patch; --apply writes, archived)",
  usage: "align [--apply] --reason <text>",
  async run(args, io) {
    const flags = parseFlags(args, ALIGN_FLAGS);
    if (flags.positionals.length > 0) throw new UsageError(`unexpected argument ${flags.positionals[0]}`);
    const request = {
      options: commandOptions(io),
      apply: flags.booleans.has("apply"),
      reason: flags.strings.get("reason") ?? null,
      clock: systemClock,
    };
    // The summary's labels are the platform's words, known once its align port has planned.
    let labels: AlignChangeLabels = {};
    const work = async () => {
      const outcome = await runAlign(request);
      labels = outcome.changeLabels;
      return outcome.report;
    };
    return runWriterCommand(io, "align", work, (report) => renderAlign(report, labels));
  },
};
export default align;
