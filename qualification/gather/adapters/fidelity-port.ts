import type { Mutation, PlatformView } from "../../../contracts/fidelity.ts";
import type { SeededRandom } from "../../shared/canonical/seeded-random.ts";

/** A variant's private dirs: a copy of the target, and the config dir (user.json) both sides are given. */
export interface VariantDirs {
  readonly root: string;
  readonly configDir: string;
}

/**
 * What `qualify fidelity` needs from a platform adapter: a menu of seeded mutations over every input its static
 * checks read, and an oracle that asks the platform's own code for its verdicts. The command itself is generic.
 */
export interface FidelityPort {
  readonly name: string;
  /** Changes the variant (never the target) and says what it changed, in order. */
  mutate(variant: VariantDirs, random: SeededRandom): Promise<Mutation[]>;
  /** The platform's own verdicts on the variant; throws FidelityOracleError when it cannot answer. */
  oracle(variant: VariantDirs): Promise<PlatformView>;
}

export class FidelityOracleError extends Error {
  readonly code = "ORACLE_FAILED";
}
