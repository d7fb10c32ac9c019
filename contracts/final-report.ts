import { z } from "zod";
import { CheckId } from "./reason-codes.ts";
import { InventoryCategory } from "./plugin-inventory.ts";
import { FinalQueries } from "./query-run.ts";
import { Verdict } from "./verdict.ts";

/** The one section allowed to differ between two runs on the same inputs. */
export const RunSection = z
  .object({
    run_id: z.string(),
    started_at: z.string(),
    finished_at: z.string(),
    host: z.string(),
    tool_version: z.string(),
    /** The services' URLs this run used; evidence names them `<service_7411>` / `<service_8000>`. */
    services: z.object({ service_7411: z.string(), service_8000: z.string() }).strict().optional(),
  })
  .strict();
export type RunSection = z.infer<typeof RunSection>;

export const PluginChecks = z.record(CheckId, Verdict);

export const FinalPlugin = z
  .object({
    plugin_id: z.string(),
    category: InventoryCategory,
    qualified: z.boolean(),
    checks: PluginChecks,
  })
  .strict();
export type FinalPlugin = z.infer<typeof FinalPlugin>;

const StatusCounts = z
  .object({
    pass: z.number().int(),
    fail: z.number().int(),
    infra_error: z.number().int(),
    not_applicable: z.number().int(),
  })
  .strict();

export const FinalReport = z
  .object({
    schema_version: z.literal(1),
    ok: z.boolean(),
    target: z.object({ root: z.string(), commit: z.string().nullable() }).strict(),
    platform: z.object({ adapter: z.string(), kernel_api_version: z.string().nullable() }).strict(),
    inventory_sha256: z.string(),
    unresolved_ids: z.array(z.object({ plugin_id: z.string(), referenced_by: z.array(z.string()) }).strict()),
    run_checks: z.record(z.string(), Verdict),
    plugins: z.array(FinalPlugin),
    /** The query tier (service mode, per-tier totals, every case's class); null when none was registered. */
    queries: FinalQueries.nullable(),
    summary: z
      .object({
        plugins_total: z.number().int(),
        qualified: z.number().int(),
        not_qualified: z.number().int(),
        deprecated: z.number().int(),
        unresolved: z.number().int(),
        tests_emitted: z.number().int(),
        checks: StatusCounts,
      })
      .strict(),
    run: RunSection,
  })
  .strict();
export type FinalReport = z.infer<typeof FinalReport>;
