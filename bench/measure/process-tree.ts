import { readdirSync, readFileSync } from "node:fs";

/** Resident memory of a process and all its descendants right now, from /proc (Linux), in bytes. */
function treeRssBytes(rootPid: number): number {
  const parent = new Map<number, number>();
  const rss = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let status: string;
    try {
      status = readFileSync(`/proc/${entry}/status`, "utf8");
    } catch {
      continue; // exited while we looked
    }
    const pid = Number(entry);
    parent.set(pid, Number(/^PPid:\s+(\d+)/m.exec(status)?.[1] ?? 0));
    rss.set(pid, Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) * 1024);
  }
  const inTree = (pid: number): boolean => {
    for (let p = pid, hops = 0; p > 1 && hops < 64; p = parent.get(p) ?? 0, hops++) if (p === rootPid) return true;
    return false;
  };
  let total = 0;
  for (const [pid, bytes] of rss) if (inTree(pid)) total += bytes;
  return total;
}

/** Samples a process tree's total RSS every `intervalMs` until stopped; returns the peak seen. */
export function watchPeakRss(rootPid: number, intervalMs = 200): { stop(): number } {
  let peak = 0;
  const sample = (): void => {
    peak = Math.max(peak, treeRssBytes(rootPid));
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}
