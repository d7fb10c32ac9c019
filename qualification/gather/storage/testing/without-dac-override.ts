/**
 * A command that cannot read past file permissions. Root reads a mode-000 file anyway (CAP_DAC_OVERRIDE), so
 * as root the command runs under `setpriv` with DAC_OVERRIDE and DAC_READ_SEARCH removed from its bounding
 * set: still root (it reaches the suite wherever it is cloned, even under a 0700 temp dir), but bound by the
 * mode bits like any user. Not root: the command as given.
 */
export function withoutDacOverride(file: string, args: readonly string[]): { file: string; args: string[] } {
  if (process.getuid?.() !== 0) return { file, args: [...args] };
  return { file: "setpriv", args: ["--bounding-set=-dac_override,-dac_read_search", "--", file, ...args] };
}
