/**
 * Seeded pseudo-random numbers for the default-region generator. mulberry32 (a 32-bit generator by Tommy
 * Ettinger, public domain) seeded from an FNV-1a hash of a label, so that each part of the region (a county's
 * townships, its villages, its facilities …) draws from its own stream: changing one part does not move
 * every other modelled value. Never Math.random.
 */

/** FNV-1a 32-bit hash of a string (UTF-16 code units). */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export interface Rng {
  /** uniform in [0, 1) */
  (): number;
  uniform(lo: number, hi: number): number;
  /** integer in [lo, hi] inclusive */
  int(lo: number, hi: number): number;
  /** standard normal (Box–Muller) */
  normal(): number;
  pick<T>(items: readonly T[]): T;
  /** Fisher–Yates on a copy */
  shuffle<T>(items: readonly T[]): T[];
  /** true with probability p */
  chance(p: number): boolean;
}

/** mulberry32 stream for `GLOBAL_SEED:label`. */
export function rng(label: string, seed = GLOBAL_SEED): Rng {
  let a = hash32(`${seed}:${label}`);
  const next = (): number => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const r = next as Rng;
  r.uniform = (lo, hi) => lo + (hi - lo) * next();
  r.int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  r.normal = () => {
    const u = 1 - next();
    const v = next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  r.pick = (items) => items[Math.floor(next() * items.length)];
  r.shuffle = (items) => {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  };
  r.chance = (p) => next() < p;
  return r;
}

/** The one seed of the default region. Changing it regenerates a different (equally valid) modelled region. */
export const GLOBAL_SEED = 20250630;
