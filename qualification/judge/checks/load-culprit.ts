import type { IsolatedLoad } from "../../../contracts/evidence.ts";
import type { Verdict } from "../../../contracts/verdict.ts";
import { fail, infraError } from "./verdicts.ts";

/**
 * What the suite's own watched load found this plugin doing while it was imported or created, as a verdict, or
 * null: hanging (infra_error LOAD_HUNG with the stack — a hang is never a verdict on an answer), ending the
 * interpreter (LOAD_CRASHED), or writing to stdout (WRITES_TO_STDOUT: every platform command that loads it then
 * prints output no tool can read).
 */
interface LoadWatched {
  readonly plugin_id?: string;
  readonly isolated_load?: IsolatedLoad | null;
}

export function loadCulpritVerdict(plugin: LoadWatched, extra: Partial<Verdict> = {}): Verdict | null {
  const iso = plugin.isolated_load;
  if (iso?.culprit?.kind === "hang")
    return infraError(
      "LOAD_HUNG",
      `${iso.culprit.detail}: no load that includes it can finish${iso.culprit.stack ? `\nwhere it was when the limit came:\n${iso.culprit.stack}` : ""}`,
      extra,
    );
  if (iso?.culprit?.kind === "crash")
    return fail("LOAD_CRASHED", `${iso.culprit.detail}: any process that loads it dies with it`, extra);
  if (iso?.printed)
    return fail(
      "WRITES_TO_STDOUT",
      `${plugin.plugin_id ?? "the plugin"} writes ${iso.printed.bytes} byte(s) to stdout while it loads, where the platform's commands print their JSON: every command that loads it prints output no tool can read`,
      {
        actual: iso.printed.head,
        ...extra,
      },
    );
  return null;
}

/**
 * For a plugin the platform's own load-report lists as loaded although it misbehaves when actually loaded: under
 * the platform's subprocess hosting a plugin's host starts only on first use, so its load-report never runs the
 * plugin's code. `loaded` stays the platform's word; the checks that use the plugin's code carry the culprit.
 */
export function culpritBehindPlatformLoad(plugin: LoadWatched, extra: Partial<Verdict> = {}): Verdict | null {
  const verdict = loadCulpritVerdict(plugin, extra);
  if (!verdict) return null;
  return {
    ...verdict,
    detail: `the platform's load-report lists it loaded (it never ran the plugin's code); the suite's load, which does: ${verdict.detail}`,
  };
}
