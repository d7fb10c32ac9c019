/** A directed graph between folders: each folder maps to the folders it imports (itself excluded). */
export type FolderGraph = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * The strongly connected components of more than one folder (Tarjan): the groups of folders that, through some
 * chain of imports, all import one another. A layered layout has none. Each component is sorted, and the list is
 * sorted by its first folder.
 */
export function folderComponents(graph: FolderGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let next = 0;
  const connect = (folder: string): void => {
    index.set(folder, next);
    low.set(folder, next);
    next += 1;
    stack.push(folder);
    onStack.add(folder);
    for (const to of [...(graph.get(folder) ?? [])].sort()) {
      if (!index.has(to)) {
        connect(to);
        low.set(folder, Math.min(low.get(folder)!, low.get(to)!));
      } else if (onStack.has(to)) low.set(folder, Math.min(low.get(folder)!, index.get(to)!));
    }
    if (low.get(folder) !== index.get(folder)) return;
    const component: string[] = [];
    for (;;) {
      const member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
      if (member === folder) break;
    }
    if (component.length > 1) components.push(component.sort());
  };
  for (const folder of [...graph.keys()].sort()) if (!index.has(folder)) connect(folder);
  return components.sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
}

/**
 * Every elementary import cycle between folders, each starting at its alphabetically first folder, in a stable
 * order; at most `limit` of them (a tangled graph has exponentially many; `complete` says whether all were listed).
 */
export function folderCycles(graph: FolderGraph, limit = 100_000): { cycles: string[][]; complete: boolean } {
  const cycles: string[][] = [];
  const inCycle = new Set(folderComponents(graph).flat());
  const folders = [...inCycle].sort();
  for (const start of folders) {
    const path = [start];
    const onPath = new Set(path);
    const walk = (folder: string): boolean => {
      for (const to of [...(graph.get(folder) ?? [])].sort()) {
        if (to === start) {
          cycles.push([...path]);
          if (cycles.length >= limit) return false;
        } else if (to > start && inCycle.has(to) && !onPath.has(to)) {
          path.push(to);
          onPath.add(to);
          if (!walk(to)) return false;
          path.pop();
          onPath.delete(to);
        }
      }
      return true;
    };
    if (!walk(start)) return { cycles, complete: false };
  }
  return { cycles, complete: true };
}

/** The shortest import cycle through `folder` (breadth-first, ties broken by name), or null when there is none. */
export function shortestCycleThrough(graph: FolderGraph, folder: string): string[] | null {
  const parent = new Map<string, string>();
  let frontier = [folder];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const at of frontier) {
      for (const to of [...(graph.get(at) ?? [])].sort()) {
        if (to === folder) {
          const cycle = [at];
          while (cycle[0] !== folder) cycle.unshift(parent.get(cycle[0]!)!);
          return cycle;
        }
        if (parent.has(to)) continue;
        parent.set(to, at);
        next.push(to);
      }
    }
    frontier = next;
  }
  return null;
}
