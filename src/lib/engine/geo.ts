/**
 * The one distance definition of CareCircle: haversine on a sphere of radius EARTH_RADIUS_M, written with
 * the same operations in the same order as `turf.distance` so the engine, the tests (which use Turf as the
 * oracle) and the benchmarks agree to the last bit. Coordinates are WGS84 degrees, [lng, lat].
 */

/** Mean Earth radius in metres; the value Turf uses (`@turf/helpers` earthRadius). */
export const EARTH_RADIUS_M = 6371008.8;

/** Metres per degree of latitude (and of longitude at the equator) on that sphere. */
export const METRES_PER_DEGREE = (EARTH_RADIUS_M * Math.PI) / 180;

/** Degrees → radians exactly as Turf does it (`(deg % 360) * PI / 180`), so results are bit-identical. */
export function toRadians(degrees: number): number {
  // x % 360 === x for |x| < 360; skipping the (slow, fmod) remainder there keeps the result bit-identical
  return ((degrees > -360 && degrees < 360 ? degrees : degrees % 360) * Math.PI) / 180;
}

/**
 * The haversine term `a` (squared half-chord) between a demand point and a facility. `cosLat1`/`cosLat2` are
 * `Math.cos(toRadians(lat))`, precomputed by callers in the hot loop. Distance is {@link distanceFromHav}(a).
 */
export function havTerm(lng1: number, lat1: number, cosLat1: number, lng2: number, lat2: number, cosLat2: number): number {
  const sLat = Math.sin(toRadians(lat2 - lat1) / 2);
  const sLng = Math.sin(toRadians(lng2 - lng1) / 2);
  return Math.pow(sLat, 2) + Math.pow(sLng, 2) * cosLat1 * cosLat2;
}

/** Great-circle distance in metres from a haversine term. Monotonic in `a`. */
export function distanceFromHav(a: number): number {
  return 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a)) * EARTH_RADIUS_M;
}

/** Haversine term of a distance in metres: the inverse of {@link distanceFromHav} (up to rounding). */
export function havOfDistance(metres: number): number {
  return Math.pow(Math.sin(metres / EARTH_RADIUS_M / 2), 2);
}

/**
 * Great-circle distance in metres between two WGS84 points (haversine, EARTH_RADIUS_M).
 * @example haversine(116.3975, 39.9087, 121.4737, 31.2304) // ≈ 1 067 km, Beijing → Shanghai
 */
export function haversine(lng1: number, lat1: number, lng2: number, lat2: number): number {
  const a = havTerm(lng1, lat1, Math.cos(toRadians(lat1)), lng2, lat2, Math.cos(toRadians(lat2)));
  return distanceFromHav(a);
}

/** {@link haversine} on [lng, lat] pairs. */
export function distance(from: readonly [number, number], to: readonly [number, number]): number {
  return haversine(from[0], from[1], to[0], to[1]);
}

/** Degrees of latitude spanned by `metres` along a meridian. */
export function metresToDegreesLat(metres: number): number {
  return metres / METRES_PER_DEGREE;
}

/**
 * Half-width in degrees of longitude of a circle of radius `metres` centred at latitude `lat`: every point
 * within `metres` has |Δlng| ≤ this (exact spherical-cap bound). Returns 180 when the cap reaches a pole.
 */
export function metresToDegreesLng(metres: number, lat: number): number {
  const delta = metres / EARTH_RADIUS_M;
  const phiMax = Math.abs(lat) * (Math.PI / 180) + delta;
  if (phiMax >= Math.PI / 2) return 180;
  const s = Math.sin(delta) / Math.cos(phiMax);
  return s >= 1 ? 180 : (Math.asin(s) * 180) / Math.PI;
}

/**
 * {@link metresToDegreesLng} without trigonometry, for hot loops: an upper bound of it (never smaller), from the
 * point's cos and |sin| of latitude and the sine and cosine of the angle `metres / EARTH_RADIUS_M`. It replaces
 * asin(s) by tan(asin s) = s / √(1 − s²), larger by under a third of the angle squared (relatively).
 */
export function degreesLngAtMost(cosLat: number, absSinLat: number, sinDelta: number, cosDelta: number): number {
  const cosMax = cosLat * cosDelta - absSinLat * sinDelta;
  if (cosMax <= 0) return 180;
  const s = sinDelta / cosMax;
  if (s >= 1) return 180;
  return Math.min(180, (s / Math.sqrt(1 - s * s)) * (180 / Math.PI) * (1 + 1e-12));
}

/**
 * {@link metresToMeridianAtLeast} without trigonometry, for hot loops: a lower bound of it (never larger), from the
 * point's cos of latitude. Uses asin x ≥ x and sin d ≥ d − d³/6 (d clamped to √2, where that bound peaks).
 */
export function metresToMeridianAtLeastFast(cosLat: number, dLngDeg: number): number {
  if (dLngDeg <= 0) return 0;
  const d = Math.min(dLngDeg * (Math.PI / 180), Math.SQRT2);
  return cosLat * (d - (d * d * d) / 6) * EARTH_RADIUS_M * (1 - 1e-12);
}

/**
 * Lower bound in metres of the distance from a point at latitude `lat` to any point whose longitude differs by
 * at least `dLngDeg` degrees (distance to the meridian's great circle; exact for |Δlng| ≤ 90°).
 */
export function metresToMeridianAtLeast(lat: number, dLngDeg: number): number {
  if (dLngDeg <= 0) return 0;
  const d = Math.min(dLngDeg, 90) * (Math.PI / 180);
  return Math.asin(Math.cos(lat * (Math.PI / 180)) * Math.sin(d)) * EARTH_RADIUS_M;
}

/**
 * Unit vector of a WGS84 point on the sphere, written into `out` at `i` (x, y, z arrays). Half the squared chord
 * between two unit vectors, squared and quartered, is the haversine term of their great-circle angle:
 * |p − q|² / 4 = hav(θ). Computed from coordinates, it differs from {@link havTerm} by rounding only, at most
 * {@link chordHavError}; a scan can therefore reject or accept most pairs on three multiply-adds and compute
 * the exact term only near a decision.
 */
export function unitVector(lng: number, lat: number, x: Float64Array, y: Float64Array, z: Float64Array, i: number): void {
  const phi = toRadians(lat);
  const lambda = toRadians(lng);
  const c = Math.cos(phi);
  x[i] = c * Math.cos(lambda);
  y[i] = c * Math.sin(lambda);
  z[i] = Math.sin(phi);
}

/**
 * A bound on |chord² / 4 − havTerm| for a pair whose haversine term is about `a`. Each unit-vector component
 * carries a few ulp (≈ 7e-16 absolute), so the chord's squared length is off by ≈ 2.3e-15 · chord, i.e. ≈ 1.2e-15 ·
 * √a in haversine units, and havTerm by a few ulp of `a`; the bound is a thousand times that, plus an absolute floor.
 */
export function chordHavError(a: number): number {
  return 1e-12 * (a + Math.sqrt(a)) + 1e-30;
}
