import { z } from "zod";

export const InventoryCategory = z.enum(["active_required", "active_optional_service_backed", "deprecated_removed"]);
export type InventoryCategory = z.infer<typeof InventoryCategory>;

/** Where an ID was referenced: `allowlist`, `default_pack`, `enabled`, `required:<file>`, `deprecations:<file>`. */
export const ReferenceSource = z.string().min(1);

export const SourceFile = z
  .object({ path: z.string(), role: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/) })
  .strict();
export type SourceFile = z.infer<typeof SourceFile>;

export const InventoryPlugin = z
  .object({
    plugin_id: z.string().min(1),
    category: InventoryCategory,
    /** Why the category was chosen, e.g. `localhost_allowed_plugin_ids`, `deprecation_manifest`. */
    category_reason: z.string(),
    referenced_by: z.array(ReferenceSource),
    manifest: z.string().nullable(),
    resolved: z.boolean(),
    /**
     * The platform's own grouping of the ID, when its adapter knows one (Autocapture NX: its non-8000 contract
     * bucket in `tools/gate_config_matrix.py`: `capture_deprecated`, `requires_8000`, `required_non8000_enabled`).
     */
    platform_bucket: z.string().min(1).nullable(),
  })
  .strict();
export type InventoryPlugin = z.infer<typeof InventoryPlugin>;

export const HygieneFinding = z
  .object({
    code: z.enum([
      "REFERENCED_WITHOUT_MANIFEST",
      "NOT_ALLOWLISTED_BUT_REFERENCED",
      "MANIFEST_NOT_ALLOWLISTED",
      "ENABLED_FLAG_DISAGREES_WITH_LIST",
      "DUPLICATE_REFERENCE",
      "DUPLICATE_MANIFEST_ID",
    ]),
    plugin_id: z.string(),
    detail: z.string(),
  })
  .strict();
export type HygieneFinding = z.infer<typeof HygieneFinding>;

export const PluginInventory = z
  .object({
    schema_version: z.literal(2),
    platform: z.string(),
    plugins: z.array(InventoryPlugin),
    unresolved_ids: z.array(z.object({ plugin_id: z.string(), referenced_by: z.array(ReferenceSource) }).strict()),
    unreferenced_manifests: z.array(z.object({ plugin_id: z.string(), manifest: z.string() }).strict()),
    hygiene: z.array(HygieneFinding),
    sources: z.array(SourceFile),
    /** sha256 of the canonical JSON of this object without this field. */
    inventory_sha256: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();
export type PluginInventory = z.infer<typeof PluginInventory>;
