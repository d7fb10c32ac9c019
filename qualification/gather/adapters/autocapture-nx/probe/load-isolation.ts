import type { NamedCulprit } from "./load-progress.ts";

/** More culprits than this in one platform is no longer "one bad plugin": the load is reported as it failed. */
const MAX_CULPRITS = 3;

/**
 * The plugins the suite found keeping the platform's whole load from finishing (hanging past the per-plugin
 * limit, or ending the interpreter), shared by both probe hosts of a qualification: the second host starts
 * without them at once instead of finding them again. Each host load leaves them out of the allowlist.
 */
export class LoadIsolation {
  private readonly found: NamedCulprit[] = [];

  constructor(readonly pluginLoadTimeoutMs: number) {}

  get culprits(): readonly NamedCulprit[] {
    return this.found;
  }

  /** The runner's arguments for a load without the culprits found so far. */
  args(): string[] {
    const ids = this.found.map((c) => c.plugin_id);
    return [
      "--load-timeout-ms",
      String(this.pluginLoadTimeoutMs),
      ...(ids.length > 0 ? ["--exclude", ids.join(",")] : []),
    ];
  }

  /** Records a newly found culprit; false when there is none, it is known already, or there are too many. */
  add(culprit: NamedCulprit | null): boolean {
    if (
      culprit === null ||
      this.found.some((c) => c.plugin_id === culprit.plugin_id) ||
      this.found.length >= MAX_CULPRITS
    )
      return false;
    this.found.push(culprit);
    return true;
  }
}
