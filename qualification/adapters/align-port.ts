/** Where align reads the platform's config from: the target, and the config dir its user config is looked for in. */
export interface AlignInputs {
  readonly root: string;
  readonly configDir: string;
  readonly safeMode: boolean;
  readonly platformEnv: Readonly<Record<string, string>>;
}

/**
 * The platform's own facts `qualify align` plans with, read the way the platform reads them (no platform process):
 * what an old ID in the config means, each plugin's manifest default, the effective safe-mode flags, what is
 * quarantined and where the user's config is. What "aligned" means comes from the canonical inventory.
 */
export interface AlignFacts {
  /** The plugin an old ID in the config stands for (a manifest `replaces` it), when one claims it. */
  aliasOf(id: string): string | undefined;
  /** The manifest's own `enabled`: what decides when the config's enabled map does not name the plugin. */
  manifestEnabled(id: string): boolean;
  /** Effective safe mode: then `default_pack`, not the enabled map, is the enabled set. */
  readonly safeMode: boolean;
  /** Effective safe-mode-minimal (with safe mode): a provider closure replaces the enabled set, whatever align edits. */
  readonly safeModeMinimal: boolean;
  /** The quarantined IDs as the effective config lists them (align edits none: quarantine is the user's call). */
  readonly quarantine: readonly string[];
  /** The user's config file the effective config merged in, or null when there is none. */
  readonly userConfig: string | null;
}

/** What `qualify align` needs from a platform adapter: its config facts. The planning and the edit are the command's. */
export interface AlignPort {
  facts(inputs: AlignInputs): Promise<AlignFacts>;
}
