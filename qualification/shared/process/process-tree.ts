import { readdirSync, readFileSync } from "node:fs";

/** Parent of each running process, from /proc (Linux); empty where /proc is not there. */
function parents(): Map<number, number[]> {
  const children = new Map<number, number[]>();
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return children;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // gone meanwhile
    }
    // `pid (comm) state ppid …`: comm may hold spaces and parentheses, so read after the last ")".
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    if (!Number.isInteger(ppid)) continue;
    const list = children.get(ppid) ?? [];
    list.push(Number(entry));
    children.set(ppid, list);
  }
  return children;
}

/** Every process below `pid` in the process tree, as it stands now (breadth first). */
function descendantsOf(pid: number): number[] {
  const children = parents();
  const out: number[] = [];
  const queue = [pid];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const child of children.get(next) ?? []) {
      out.push(child);
      queue.push(child);
    }
  }
  return out;
}

/**
 * SIGKILL to the process group `pid` leads (children are started detached) and to every descendant of `pid`,
 * found before anything is killed (once a parent dies its children are re-parented and can no longer be
 * traced to it): a descendant may lead a group or session of its own — the platform starts each plugin host
 * in a new session, the probe runner each step in a new group — and must not outlive the tree. A process
 * already gone is fine.
 */
export function killTree(pid: number | undefined): void {
  if (pid === undefined) return;
  const tree = [pid, ...descendantsOf(pid)];
  for (const member of tree) {
    for (const target of [-member, member]) {
      try {
        process.kill(target, "SIGKILL");
      } catch {
        // ESRCH: already gone, or not a group leader.
      }
    }
  }
}
