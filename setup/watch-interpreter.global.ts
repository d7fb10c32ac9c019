import { resolveOptions } from "../qualification/shared/options/resolve-options.ts";
import { interpreterFor } from "../qualification/shared/process/resolve-interpreter.ts";

/**
 * Qualify mode's second global setup, for watch mode (and the UI) only. Every re-run is a new worker process,
 * and through a version-manager shim (pyenv, asdf) finding the interpreter's real executable costs a few
 * hundred milliseconds each time; it is found once per watch session here and handed to every re-run.
 */
export default async function setup(): Promise<void> {
  const options = resolveOptions();
  if (!options.reusePlatformAnswers || options.pythonExecutable !== null) return;
  const executable = await interpreterFor(options);
  // Unresolved (the name comes back unchanged): each run resolves again and reports the interpreter's own error.
  if (executable !== options.python) process.env.QUALIFY_PYTHON_EXECUTABLE = executable;
}
