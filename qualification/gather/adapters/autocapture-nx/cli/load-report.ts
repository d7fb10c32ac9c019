import { z } from "zod";
import type { CommandEvidence } from "../../../../../contracts/evidence.ts";

/**
 * The registry records a manifest it could not read as JSON (or that is not an object) with `plugin_id: None`,
 * and an entrypoint may be `None` too (`_record_load_failure`): such an error belongs to no plugin.
 */
const ReportError = z.object({
  plugin_id: z.string().nullable(),
  entrypoint: z.string().nullable().optional(),
  phase: z.string(),
  error: z.string(),
});
const LoadReportOutput = z.object({
  ok: z.boolean(),
  error: z.string().nullable().optional(),
  report: z.object({
    loaded: z.array(z.string()),
    failed: z.array(z.string()),
    skipped: z.array(z.string()),
    errors: z.array(ReportError),
  }),
  capabilities: z.array(z.string()).optional(),
});

export interface PluginLoadFacts {
  readonly status: "loaded" | "failed" | "skipped" | "absent";
  readonly errors: { phase: string; error: string; entrypoint: string }[];
}

export type ParsedLoadReport =
  | {
      readonly ok: true;
      readonly platformOk: boolean;
      readonly error: string | null;
      readonly capabilities: string[];
      readonly plugin: (id: string) => PluginLoadFacts;
    }
  | { readonly ok: false; readonly detail: string };

/**
 * `ok: true` does not mean every plugin loaded, and a dependency-skipped plugin is in both `skipped` and
 * `failed` (`registry.py` `load_plugins` adds every ID with an error to `failed`; `cli.py`
 * `cmd_plugins_load_report` sets `ok` only from whether the load raised) — so "skipped" is checked first.
 */
export function parseLoadReport(evidence: CommandEvidence): ParsedLoadReport {
  // Exit 2 with a JSON body is the platform saying "the whole load raised": a verdict, not a CLI failure.
  const body = LoadReportOutput.safeParse(evidence.json);
  if (evidence.fault && !(evidence.exit_code === 2 && body.success))
    return { ok: false, detail: evidence.fault.detail };
  if (!body.success) {
    const issue = body.error.issues[0];
    return {
      ok: false,
      detail: `plugins load-report output does not match the reference shape at /${issue?.path.join("/") ?? ""}: ${issue?.message ?? ""}`,
    };
  }
  const { report } = body.data;
  const loaded = new Set(report.loaded);
  const failed = new Set(report.failed);
  const skipped = new Set(report.skipped);
  return {
    ok: true,
    platformOk: body.data.ok,
    error: body.data.error ?? null,
    capabilities: [...(body.data.capabilities ?? [])].sort(),
    plugin: (id) => {
      const errors = report.errors
        .filter((e) => e.plugin_id === id)
        .map((e) => ({ phase: e.phase, error: e.error, entrypoint: e.entrypoint ?? "" }));
      const status = skipped.has(id) ? "skipped" : failed.has(id) ? "failed" : loaded.has(id) ? "loaded" : "absent";
      return { status, errors };
    },
  };
}
