/** The one timing helper every bench uses: warmed runs, then medians (wall and process CPU). */

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

/**
 * Warm `f` up, then time `runs` calls; median wall milliseconds, median CPU milliseconds of the process (all its
 * threads, so GC helpers count; on a shared machine it shows what waiting for a core added) and the last answer.
 */
export function timed<T>(f: () => T, warmup: number, runs: number): {ms: number; cpuMs: number; out: T} {
  for (let i = 0; i < warmup; i++) f();
  const times: number[] = [];
  const cpu: number[] = [];
  let out!: T;
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    out = f();
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return {ms: median(times), cpuMs: median(cpu), out};
}
