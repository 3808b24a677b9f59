/**
 * A map's scale bar: the longest "nice" distance (1, 2 or 5 × 10ⁿ metres) that fits in `maxPx` pixels at the
 * map's scale, with its label in 米 or 公里.
 * @param metresPerPx ground metres per screen pixel at the map's centre
 * @param maxPx the most pixels the bar may take
 * @example scaleBar(100, 150) // {metres: 10000, px: 100, label: "10 公里"}
 */
export function scaleBar(metresPerPx: number, maxPx: number): {metres: number; px: number; label: string} {
  if (!(metresPerPx > 0) || !(maxPx > 0) || !Number.isFinite(metresPerPx)) throw new Error(`scaleBar: expected metresPerPx > 0 and maxPx > 0, got ${metresPerPx}, ${maxPx}`);
  const most = metresPerPx * maxPx;
  const power = 10 ** Math.floor(Math.log10(most));
  const step = [5, 2, 1].find((s) => s * power <= most)!;
  const metres = step * power;
  return {metres, px: metres / metresPerPx, label: metres >= 1000 ? `${metres / 1000} 公里` : `${metres} 米`};
}
