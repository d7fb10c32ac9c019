import type { Verdict } from "../../contracts/verdict.ts";

export interface RenderedFailure {
  readonly message: string;
  readonly expected: string | undefined;
  readonly actual: string | undefined;
}

const show = (value: unknown): string => (typeof value === "string" ? value : JSON.stringify(value, null, 2));

/**
 * What a person needs to reproduce a failure: the code, what failed, the platform's verbatim words, where,
 * the command, and one replay line. Expected/actual go to Vitest's diff view.
 */
export function renderFailure(name: string, verdict: Verdict, replay: string): RenderedFailure {
  const lines = [`${name}: [${verdict.status}] ${verdict.reason ?? ""} ${verdict.detail}`.replace(/\s+$/, "")];
  if (verdict.platform_error) lines.push(`platform said: ${verdict.platform_error}`);
  for (const location of verdict.locations ?? [])
    lines.push(`at: ${location.file}${location.pointer !== null ? `#${location.pointer}` : ""}`);
  // A verdict whose only "command" is the replay line (nothing ran, e.g. a spec fault) shows it once, as the replay.
  if (verdict.command && verdict.command !== replay) lines.push(`command: ${verdict.command}`);
  if (verdict.remediation) {
    const r = verdict.remediation;
    lines.push(`fix: ${r.code} — ${r.summary}`);
    if (r.changed_files && r.changed_files.length > 0)
      lines.push(`changed since the lock: ${r.changed_files.join(", ")}`);
    if (r.command) lines.push(`  ${r.command}`);
  }
  lines.push(`replay: ${replay}`);
  return {
    message: lines.join("\n"),
    expected: verdict.expected === undefined ? undefined : show(verdict.expected),
    actual: verdict.actual === undefined ? undefined : show(verdict.actual),
  };
}

export class QualificationFailure extends Error {
  override readonly name = "QualificationFailure";
  readonly expected: string | undefined;
  readonly actual: string | undefined;
  readonly showDiff: boolean;
  constructor(rendered: RenderedFailure) {
    super(rendered.message);
    this.expected = rendered.expected;
    this.actual = rendered.actual;
    this.showDiff = rendered.expected !== undefined && rendered.actual !== undefined;
  }
}
