/**
 * Largest-remainder (Hamilton) apportionment with optional per-item caps: split an integer total over items in
 * proportion to weights so that the parts are integers, sum EXACTLY to the total, and never exceed their cap.
 * Used to split each county's census 60+ / 65+ / 80+ counts over its villages (80+ ≤ 65+ ≤ 60+ per village).
 */
export function apportion(total: number, weights: readonly number[], caps?: readonly number[]): number[] {
  const n = weights.length;
  if (!Number.isInteger(total) || total < 0) throw new Error(`apportion: total must be a non-negative integer, got ${total}`);
  if (n === 0) {
    if (total === 0) return [];
    throw new Error("apportion: no items to apportion to");
  }
  const cap = caps ? caps.slice() : new Array<number>(n).fill(Infinity);
  const capSum = cap.reduce((s, c) => s + c, 0);
  if (capSum < total) throw new Error(`apportion: caps sum to ${capSum} < total ${total}`);
  const out = new Array<number>(n).fill(0);
  // Water-filling: items whose proportional quota exceeds their cap are fixed at the cap, the rest re-split.
  const free = new Set<number>();
  for (let i = 0; i < n; i++) if (cap[i] > 0) free.add(i);
  let remaining = total;
  const quota = new Array<number>(n).fill(0);
  for (;;) {
    let wsum = 0;
    for (const i of free) wsum += Math.max(0, weights[i]);
    const even = wsum <= 0;
    let clamped = false;
    for (const i of free) {
      quota[i] = even ? remaining / free.size : (remaining * Math.max(0, weights[i])) / wsum;
    }
    for (const i of [...free]) {
      if (quota[i] >= cap[i]) {
        quota[i] = cap[i];
        remaining -= cap[i];
        free.delete(i);
        clamped = true;
      }
    }
    if (!clamped) break;
    if (free.size === 0) break;
  }
  let assigned = 0;
  const rema: {i: number; r: number}[] = [];
  for (let i = 0; i < n; i++) {
    out[i] = Math.floor(quota[i] + 1e-9);
    assigned += out[i];
    if (out[i] < cap[i]) rema.push({i, r: quota[i] - out[i]});
  }
  // Largest remainders first; ties broken by index, so the result is deterministic.
  rema.sort((a, b) => b.r - a.r || a.i - b.i);
  let k = 0;
  while (assigned < total) {
    const {i} = rema[k % rema.length];
    if (out[i] < cap[i]) {
      out[i]++;
      assigned++;
    }
    k++;
    if (k > rema.length * (total + 1)) throw new Error("apportion: cannot place remainder");
  }
  return out;
}
