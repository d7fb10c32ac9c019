/**
 * The qualification test file (`pnpm test:qualify`). Vitest runs it with the target's files as rerun
 * triggers; everything it does is in the session and the register step.
 */
import { resolveOptions } from "../options/resolve-options.ts";
import { QualificationSession } from "../session/qualification-session.ts";
import { registerQualificationTests } from "./register-tests.ts";

const session = await QualificationSession.open(resolveOptions());
registerQualificationTests(session);
