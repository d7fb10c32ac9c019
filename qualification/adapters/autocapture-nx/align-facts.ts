import type { AlignFacts, AlignPort } from "../align-port.ts";
import { gatherStatic } from "./gather-static.ts";
import { aliasMap } from "./registry/effective-enabled.ts";

/**
 * Autocapture NX's config facts for `qualify align`, from the static gather a qualification makes: the effective
 * config (default.json + user.json) and the manifests. The alias map is built over every manifest read, faulty
 * ones too, in discovery order, as the registry's `_alias_map` walks them.
 */
export const autocaptureAlign: AlignPort = {
  async facts(inputs): Promise<AlignFacts> {
    const statics = await gatherStatic(
      { ...inputs, requireLockSignature: false, keyringFile: null, signatureFile: null },
      null,
    );
    const manifests = statics.manifests;
    const aliases = aliasMap(
      new Map(
        [...manifests].map(([id, facts]) => [
          id,
          {
            kinds: [],
            provides: [],
            enabledDefault: facts.enabled_default,
            dependsOn: [],
            requiredCapabilities: [],
            replaces: facts.replaces,
          },
        ]),
      ),
    );
    const config = statics.config.plugins;
    return {
      aliasOf: (id) => aliases.get(id),
      manifestEnabled: (id) => manifests.get(id)?.enabled_default ?? true,
      safeMode: config.safeMode,
      safeModeMinimal: config.safeModeMinimal,
      quarantine: config.quarantine,
      userConfig: statics.config.userConfig,
    };
  },
};
