import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

interface CpuProfile {
  readonly nodes: ReadonlyArray<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/**
 * Where the time went, from every V8 `.cpuprofile` in `dir` (one per Node process of a `--cpu-prof` run): self
 * time per function, largest first, idle excluded, with the process it ran in. The benchmark's README quotes it.
 */
export function summarizeProfiles(dir: string, top = 15): string[] {
  const lines: string[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(".cpuprofile"))
    .sort()) {
    const profile = JSON.parse(readFileSync(join(dir, file), "utf8")) as CpuProfile;
    const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
    const self = new Map<string, number>();
    let busy = 0;
    profile.samples.forEach((id, i) => {
      const frame = frames.get(id)!;
      const us = profile.timeDeltas[i] ?? 0;
      if (frame.functionName === "(idle)") return;
      busy += us;
      const where = frame.url
        ? `${frame.url.replace(/^.*\/(node_modules\/\.pnpm\/[^/]+\/node_modules\/)?/, "")}:${frame.lineNumber + 1}`
        : "native";
      const key = `${frame.functionName || "(anonymous)"} ${where}`;
      self.set(key, (self.get(key) ?? 0) + us);
    });
    lines.push(`${file}: ${(busy / 1e6).toFixed(1)} s busy`);
    for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top))
      lines.push(
        `  ${(us / 1e3).toFixed(0).padStart(7)} ms ${((100 * us) / Math.max(busy, 1)).toFixed(1).padStart(5)}%  ${key}`,
      );
  }
  return lines;
}
