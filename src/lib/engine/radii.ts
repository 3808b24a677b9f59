/**
 * Default service radii (metres) per facility type × settlement class of the demand point, each with the
 * source or the planning assumption it rests on. A region may override any value in `region.json`
 * (`config.radii`); {@link mergeRadii} validates and applies the overrides.
 *
 * Only the urban walking circles come from a standard (GB 50180-2018 城市居住区规划设计标准: 15-min life circle
 * 800–1 000 m, 10-min 500 m, 5-min 300 m). Rural and pastoral values are CareCircle planning assumptions,
 * not standards: a village or gacha is judged by reach (walk, bicycle, car), not by a walking circle.
 */
import {FACILITY_TYPES} from "../facility-types.js";
import type {FacilityType, RadiusTable, SettlementClass} from "../types.js";

/** One default value and where it comes from. */
export interface RadiusDefault {
  metres: number;
  source: string;
}

export const SETTLEMENTS: readonly SettlementClass[] = ["urban", "rural", "pastoral"];

/**
 * The walking-circle figures are GB 50180-2018's; which circle a facility type is judged by is a planning choice.
 * CareCircle's default is the 15-min circle for community stations, day centres and canteens, as domain.md records;
 * the standard itself lists day care (托老所) among the 5-min circle's facilities (300 m), the strict reading a
 * bureau can set in config.radii.
 */
const GB15 = "planning default: GB 50180-2018 15-min life circle (800–1 000 m, upper bound); the 5-min circle (300 m) is the strict alternative";
const GB10 = "GB 50180-2018 10-min life circle (500 m)";
const ASSUME = "planning assumption (no national standard)";

/** Every default radius with its source, in metres. */
export const RADIUS_DEFAULTS: Readonly<Record<FacilityType, Readonly<Record<SettlementClass, RadiusDefault>>>> = {
  county_institution: {
    urban: {metres: 10_000, source: `${ASSUME}: county-level institution serves the county seat, ~10 km`},
    rural: {metres: 30_000, source: `${ASSUME}: ~30 min by car in a rural county`},
    pastoral: {metres: 80_000, source: `${ASSUME}: banner-level institution in pastoral areas (Wushen, Hangjin > 10 000 km²)`}
  },
  nursing_home: {
    urban: {metres: 5_000, source: `${ASSUME}: 敬老院 serves a town, ~5 km`},
    rural: {metres: 15_000, source: `${ASSUME}: 敬老院 serves one or a few townships`},
    pastoral: {metres: 50_000, source: `${ASSUME}: sumu-scale nursing home`}
  },
  township_centre: {
    urban: {metres: 1_000, source: `${GB15}: street-level centre as 15-min facility`},
    rural: {metres: 8_000, source: `${ASSUME}: township of ~200 km², centre at the seat`},
    pastoral: {metres: 40_000, source: `${ASSUME}: sumu of several thousand km²`}
  },
  community_station: {
    urban: {metres: 1_000, source: `${GB15}; also the data-contract example`},
    rural: {metres: 2_000, source: `${ASSUME}: one administrative village, ~30 min walk for older people`},
    pastoral: {metres: 10_000, source: `${ASSUME}: one gacha, reached by motorbike or car`}
  },
  day_centre: {
    urban: {metres: 1_000, source: GB15},
    rural: {metres: 2_000, source: `${ASSUME}: as a village station`},
    pastoral: {metres: 10_000, source: `${ASSUME}: as a gacha station`}
  },
  mutual_aid: {
    urban: {metres: 500, source: `${GB10}: rare in cities, treated as a neighbourhood point`},
    rural: {metres: 2_000, source: `${ASSUME}: 农村幸福院 serves its village`},
    pastoral: {metres: 10_000, source: `${ASSUME}: 牧区幸福院 serves its gacha`}
  },
  canteen: {
    urban: {metres: 1_000, source: GB15},
    rural: {metres: 3_000, source: `${ASSUME}: town canteen with delivery`},
    pastoral: {metres: 10_000, source: `${ASSUME}: shared canteen with delivery`}
  },
  meal_site: {
    urban: {metres: 500, source: `${GB10}: meals are a daily walk`},
    rural: {metres: 2_000, source: `${ASSUME}: village meal point`},
    pastoral: {metres: 10_000, source: `${ASSUME}: gacha meal point`}
  }
};

/** The default radius table (metres), without sources. */
export function defaultRadii(): RadiusTable {
  const table = {} as RadiusTable;
  for (const type of FACILITY_TYPES) {
    const d = RADIUS_DEFAULTS[type];
    table[type] = {urban: d.urban.metres, rural: d.rural.metres, pastoral: d.pastoral.metres};
  }
  return table;
}

/** Overrides as found in `region.json` `config.radii`: any subset of types and settlement classes. */
export type RadiusOverrides = Partial<Record<string, Partial<Record<string, unknown>>>>;

/** Largest radius accepted (metres): beyond this a "service circle" is meaningless. */
export const MAX_RADIUS_M = 500_000;

/** Throws unless `m` is a finite radius in (0, MAX_RADIUS_M]. */
export function checkRadius(m: unknown, where: string): number {
  if (typeof m !== "number" || !Number.isFinite(m) || m <= 0 || m > MAX_RADIUS_M) {
    throw new Error(`Invalid radius ${JSON.stringify(m)} at ${where}: expected metres in (0, ${MAX_RADIUS_M}].`);
  }
  return m;
}

/**
 * Apply a region's radius overrides to the defaults (or to `base`). Unknown facility types or settlement
 * classes and non-positive / non-numeric values throw with the offending key in the message.
 * @example mergeRadii({community_station: {urban: 500}}).community_station // {urban: 500, rural: 2000, pastoral: 10000}
 */
export function mergeRadii(overrides: RadiusOverrides | null | undefined, base: RadiusTable = defaultRadii()): RadiusTable {
  const table = {} as RadiusTable;
  for (const type of FACILITY_TYPES) table[type] = {...base[type]};
  if (overrides == null) return table;
  if (typeof overrides !== "object" || Array.isArray(overrides)) throw new Error("config.radii must be an object");
  for (const [type, row] of Object.entries(overrides)) {
    if (!(FACILITY_TYPES as readonly string[]).includes(type)) throw new Error(`Unknown facility type in config.radii: ${type}`);
    if (row == null || typeof row !== "object" || Array.isArray(row)) throw new Error(`config.radii.${type} must be an object`);
    for (const [settlement, value] of Object.entries(row)) {
      if (!(SETTLEMENTS as readonly string[]).includes(settlement)) {
        throw new Error(`Unknown settlement class in config.radii.${type}: ${settlement}`);
      }
      table[type as FacilityType][settlement as SettlementClass] = checkRadius(value, `config.radii.${type}.${settlement}`);
    }
  }
  return table;
}
