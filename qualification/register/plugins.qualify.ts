/**
 * The qualification test file (`pnpm test:qualify`). Vitest runs it with the target's files as rerun
 * triggers; everything it does is in the session and the register step.
 */
import { resolveOptions } from "../shared/options/resolve-options.ts";
import { QualificationSession } from "../session/qualification-session.ts";
import { registerQueryTests } from "./register-query-tests.ts";
import { registerQualificationTests } from "./register-tests.ts";

const session = await QualificationSession.open(resolveOptions());
registerQualificationTests(session);
// Query cases belong to the first shard only, like the run checks, so each appears once across shards.
if (!session.plan.shard || session.plan.shard.index === 1) registerQueryTests(session.queries, session.options.target);
