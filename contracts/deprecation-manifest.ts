import { z } from "zod";

/** The user's list of retired plugin IDs (`QUALIFY_DEPRECATIONS`). A retired ID is never "unresolved". */
export const DeprecationManifest = z
  .object({
    schema_version: z.literal(1),
    deprecated: z.array(
      z
        .object({
          plugin_id: z.string().min(1),
          reason: z.string().min(1),
          replaced_by: z.string().nullable().optional(),
        })
        .strict(),
    ),
  })
  .strict();
export type DeprecationManifest = z.infer<typeof DeprecationManifest>;
