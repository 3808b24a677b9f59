/**
 * What the region's boundaries are, from the region's own data, never from code: labels such as "县界（示意）" and
 * "乡镇界（模拟）" and the sentence of the modelled-data notice follow from
 *
 * - `config.boundary_status` in region.json: `{"county_boundaries": "schematic", "township_boundaries": "modelled"}`,
 *   each one of "official" (no label), "schematic" (示意: a real but simplified or unofficial outline) or
 *   "modelled" (模拟: invented for a demonstration);
 * - otherwise the boundary features' own `modelled` lists: a boundary file whose features name `geometry` as
 *   modelled is "modelled"; anything else is "official".
 *
 * So a user's region with its own real boundaries shows no 模拟 or 示意 label, and the default region (which declares
 * its county outlines schematic and whose township polygons say `modelled: geometry`) keeps all of them. Pure.
 */

export type BoundaryStatus = "official" | "schematic" | "modelled";

export const BOUNDARY_STATUSES: readonly BoundaryStatus[] = ["official", "schematic", "modelled"];

export interface BoundaryProvenance {
  county: BoundaryStatus;
  township: BoundaryStatus;
}

/** The parts of data/region.json read here. */
export interface BoundaryStatusSource {
  config?: {boundary_status?: Partial<Record<"county_boundaries" | "township_boundaries", string>>} | Record<string, unknown>;
  /** file → modelled field names (src/data/region.json.ts) */
  modelled?: Record<string, readonly string[]>;
}

const SUFFIX: Readonly<Record<BoundaryStatus, string>> = {official: "", schematic: "（示意）", modelled: "（模拟）"};

/** The status of each boundary file: declared in config.boundary_status, else from the features' `modelled`. */
export function boundaryProvenance(region: BoundaryStatusSource): BoundaryProvenance {
  const declared = ((region.config as {boundary_status?: Record<string, unknown>} | undefined)?.boundary_status ?? {}) as Record<string, unknown>;
  const of = (file: "county_boundaries" | "township_boundaries"): BoundaryStatus => {
    const d = declared[file];
    if (typeof d === "string" && (BOUNDARY_STATUSES as readonly string[]).includes(d)) return d as BoundaryStatus;
    return region.modelled?.[file]?.includes("geometry") ? "modelled" : "official";
  };
  return {county: of("county_boundaries"), township: of("township_boundaries")};
}

/** Legend and button labels: "县界（示意）", "乡镇界（模拟）", or plain "县界", "乡镇界". */
export function outlineLabels(p: BoundaryProvenance): {county: string; township: string} {
  return {county: `县界${SUFFIX[p.county]}`, township: `乡镇界${SUFFIX[p.township]}`};
}

/** A suffix for a download of a boundary: "（模拟）", "（示意）" or "". */
export function statusSuffix(s: BoundaryStatus): string {
  return SUFFIX[s];
}

/**
 * The notice's sentence about boundaries, e.g. "县界轮廓为示意，非官方地图（中国地图须经审图）；乡镇边界为模拟划分。";
 * "" when both are official.
 */
export function boundaryNotice(p: BoundaryProvenance): string {
  const parts: string[] = [];
  if (p.county === "schematic") parts.push("县界轮廓为示意，非官方地图（中国地图须经审图）");
  if (p.county === "modelled") parts.push("县界为模拟，非官方地图");
  if (p.township === "schematic") parts.push("乡镇边界为示意，非官方划分");
  if (p.township === "modelled") parts.push("乡镇边界为模拟划分");
  return parts.length ? `${parts.join("；")}。` : "";
}
