/** Wall time of one call, in milliseconds. */
export async function timed<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}

export function median(samples: readonly number[]): number {
  if (samples.length === 0) throw new RangeError("median of no samples");
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Runs each contender once to warm caches (unless `warmup: false`, when an earlier measurement already read
 * the same files), then `repeats` rounds in alternating order (A B, B A, …), so load
 * from other processes on a shared machine falls on both sides alike; returns every sample per contender.
 */
export async function interleaved(
  repeats: number,
  contenders: ReadonlyArray<() => Promise<unknown>>,
  options: { warmup?: boolean } = {},
): Promise<number[][]> {
  if (options.warmup ?? true) for (const run of contenders) await run();
  const samples = contenders.map(() => [] as number[]);
  for (let round = 0; round < repeats; round++) {
    const order = contenders.map((_, i) => i);
    if (round % 2 === 1) order.reverse();
    for (const i of order) samples[i]!.push((await timed(contenders[i]!)).ms);
  }
  return samples;
}
