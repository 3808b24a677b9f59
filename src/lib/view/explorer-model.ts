/**
 * The coverage explorer's model: everything the explorer page knows and decides, without a DOM or a map.
 *
 * State: the unit shown (a county or the whole bundle), the population measure, the visible layer groups, the
 * selection, the map's display filters (type, status, operator, beds), the village filters (coverage, township
 * share), the table's search text, the date shown (the data date, or a year-end of the timeline), the tier whose
 * gap polygons are drawn — and the planner's edits, held by a `WhatIfSession` (undo/redo, counted statuses).
 *
 * `apply(action)` changes the state and says what the view must redo (which gap polygons need recomputing, an error
 * in Chinese when an edit is refused, what the edit changed). `derive()` returns every figure the page shows: the
 * KPI (people covered by any tier and per tier, each against the original data of the same measure), the target
 * lights with what they were before the edits, the county list, the map's features (villages with their covered
 * flag, townships with their covered share, facilities after the filters, service rings), the table's rows.
 * Gap polygons are recomputed one township per `gapStep()`, the page schedules the steps.
 *
 * Drawn = counted: circles are the engine's rings per settlement class a facility reaches (circles.ts), the covered
 * flag of a village on the map is the engine's, the township share is the covered sum of the same flags.
 *
 * The year control (`asOf`): on another date than the data date the network is shown as it stood (recorded, before
 * the data date) or as planned (after it, with the planner's edits and what is planned to complete by then), as
 * timeline.ts defines it, and the lights are judged with that date as "today"; edits are made on the data date only.
 * After the data date the older population is projected by the region's rule when it sets one (population.ts).
 *
 * Road network (a region with a roads file): the bundle carries the lines and the travel config; the model builds the
 * graph once (network.ts) and a `NetworkSession` gives each village's travel time to the shown tier's fastest
 * facility on the same network the circles count (the view's facilities, its date, the counted statuses) — an edit
 * computes again only the tiers it changed. Service areas along the roads are drawn for the walking tiers, one
 * bounded search per facility, kept until that facility changes. Drawn = counted here too: a village is green in the
 * network layer exactly when its time is within the tier's threshold, and the network line counts those villages.
 */
import * as turf from "@turf/turf";
import {accessParams, computeAccess, type AccessParams, type AccessResult} from "../engine/access.js";
import {bedStandard} from "../plan/beds.js";
import type {Feature, FeatureCollection, MultiPolygon, Point, Polygon} from "geojson";
import {capacityDefaults, type CapacityDefault} from "../engine/capacity.js";
import {servingRings, VillageReach} from "../engine/circles.js";
import {editAnswer, type EditAnswer} from "./edit-answer.js";
import {FACILITY_TYPES, SERVING_STATUSES, TIER_OF, TIERS, TYPE_LABEL} from "../facility-types.js";
import {metresToDegreesLat, metresToDegreesLng} from "../engine/geo.js";
import {areaIndexOf, townshipAt, type AreaIndex} from "../engine/spatial.js";
import {gapPolygons} from "../engine/gaps.js";
import {LAYER_GROUPS, ROADS_ONLY_GROUPS, type LayerGroup} from "./map-style.js";
import {buildRoadGraph, MAX_SERVICE_AREA_PIECES, MODE_LABEL, NetworkSession, SERVICE_AREA_TIERS, serviceAreas, type NetworkCoverageResult, type RoadGraph, type RoadLine, type TravelConfig, type TravelMode} from "../engine/network.js";
import {provided} from "../plan/metrics.js";
import type {JudgedTarget} from "../plan/milestones.js";
import {RADIUS_DEFAULTS, SETTLEMENTS, type RadiusDefault} from "../engine/radii.js";
import {scenarioCounty, type ScenarioOp} from "../engine/scenario.js";
import {newFacilityId, scenarioErrorZh} from "../engine/scenario-log.js";
import type {Light} from "../plan/targets.js";
import {snapshotDates} from "../plan/year-view.js";
import type {AbsentFigures, County, Facility, FacilityStatus, FacilityType, Measure, Operator, RadiusTable, SettlementClass, Target, Tier, Township, Village} from "../types.js";
import {countCovered, WhatIfSession, type CoverageCount, type UnitView} from "../engine/whatif.js";

type Area = Polygon | MultiPolygon;

/** The parts of an explorer bundle's region.json the explorer reads. */
export interface RegionJson {
  meta: {id: string; name: string; data_date: string; evaluation_date?: string; serving?: FacilityStatus[]; absent?: AbsentFigures; road_network?: unknown};
  config: {radii: RadiusTable; radius_defaults?: Record<FacilityType, Record<SettlementClass, RadiusDefault>>; basemap?: string | null; boundary_status?: Record<string, string>} & Record<string, unknown>;
  counties: County[];
  townships: Township[];
  villages: Village[];
  facilities: Facility[];
  targets: Target[];
  modelled: Record<string, string[]>;
}

export interface BoundariesJson {
  counties: FeatureCollection<Area, {code: string; name: string}>;
  townships: FeatureCollection<Area, {code: string; name: string; county_code: string; settlement: SettlementClass}>;
}

/** Gap polygons (an explorer bundle's `gaps`, loaders/artifacts.ts gapsArtifact): per tier, one feature per township and class (geometry null when fully covered). */
export type GapsJson = Record<Tier, FeatureCollection<Area | null, {township_code: string; name: string; people: number; gap_km2: number; villages: number}>>;

export type FeatureKind = "facility" | "village" | "township";
export interface Selection {
  kind: FeatureKind;
  id: string;
}

export const FACILITY_STATUSES: readonly FacilityStatus[] = ["operating", "upgrading", "construction", "planned"];
export const DEFAULT_VISIBLE: readonly LayerGroup[] = ["choropleth", "circles", "outlines", "villages", "facilities"];
export const MEASURES: readonly Measure[] = ["pop60", "pop65", "pop80", "disabled"];

/** What the map shows of facilities and villages (display only: coverage counts every facility of a counted status). */
export interface Filters {
  types: ReadonlySet<FacilityType>;
  statuses: ReadonlySet<FacilityStatus>;
  /** null: every operator */
  operators: ReadonlySet<Operator> | null;
  /** facilities with at least this many beds (null: any; a facility whose beds are not provided never passes) */
  minBeds: number | null;
  /** villages: all, only those covered by no tier, or only covered ones */
  villageCoverage: "all" | "uncovered" | "covered";
  /** villages of townships whose covered share (measure shown) is below this (0–1; null: any) */
  maxTownshipShare: number | null;
}

export interface ExplorerState {
  /** county code, or null for every county loaded */
  scope: string | null;
  measure: Measure;
  visible: ReadonlySet<LayerGroup>;
  gapTier: Tier;
  addType: FacilityType;
  selected: Selection | null;
  filters: Filters;
  /** the table's search text */
  query: string;
  /** the date shown: the data date, or another date of `dates` (read-only view of the network then) */
  date: string;
  /** the tier whose travel times the network layer and line show (regions with roads) */
  networkTier: Tier;
}

export type ExplorerAction =
  | {type: "scope"; county: string | null}
  | {type: "measure"; measure: Measure}
  | {type: "layer"; group: LayerGroup; on: boolean}
  | {type: "gapTier"; tier: Tier}
  | {type: "networkTier"; tier: Tier}
  | {type: "addType"; facilityType: FacilityType}
  | {type: "select"; selection: Selection | null}
  | {type: "filters"; filters: Partial<Filters>}
  | {type: "query"; query: string}
  | {type: "date"; date: string}
  | {type: "counted"; statuses: readonly FacilityStatus[]}
  /** one edit; `select`: the facility selected afterwards (default: keep, none after a remove) */
  | {type: "edit"; op: ScenarioOp; select?: string | null}
  | {type: "undo"}
  | {type: "redo"}
  /** a whole scenario as one undoable step (import, siting hand-over, restore); `follow`: show the county it is about */
  | {type: "replace"; ops: readonly ScenarioOp[]; follow?: boolean}
  | {type: "reset"};

export interface ApplyResult {
  ok: boolean;
  /** why an edit or a scenario was refused, in Chinese */
  error?: string;
  /** the scope changed (the map should fit the new unit) */
  scopeChanged?: boolean;
  /** milliseconds the recompute took (engine + metrics + lights), edits only */
  ms?: number;
}

export interface KpiTier {
  tier: Tier;
  covered: number;
  share: number;
  /** change since the original data (same measure) */
  delta: number;
}

export interface Kpi {
  count: CoverageCount;
  /** people covered by any tier minus the original data's */
  delta: number;
  tiers: KpiTier[];
}

export interface LightRow {
  target: JudgedTarget;
  /** the light on the original data when it differs */
  was: Light | null;
}

export interface CountyRow {
  code: string;
  name: string;
  share: number | null;
  uncovered: number;
  /** the county's own county-level lights (reference standards apart), by colour */
  lights: Record<Light, number>;
}

export interface TableRow {
  kind: "facility" | "village";
  id: string;
  name: string;
  /** type or village class */
  what: string;
  township: string;
  /** beds (facilities; null when not provided) or people of the measure (villages) */
  figure: number | null;
  /** villages: covered by any tier; facilities: counted for coverage */
  covered: boolean;
  lng: number;
  lat: number;
}

/** Accessible beds (E2SFCA, access.ts) of the unit's older people: population-weighted mean and share below the standard. */
export interface AccessFigure {
  /** beds per 1 000 aged 60+, weighted by pop60; null when beds are not provided or nobody lives in the unit */
  mean: number | null;
  /** share of the unit's aged 60+ in villages below their county's bed standard */
  belowShare: number | null;
}

/** The road network an explorer bundle carries (src/lib/plan/units.ts explorerBundle). */
export interface RoadsJson {
  config: TravelConfig;
  lines: RoadLine[];
  left_out?: number;
}

/** Network coverage of a unit's older people (the measure shown) in the shown tier. */
export interface NetworkFigure {
  /** people of villages within the tier's threshold over the roads */
  covered: number;
  total: number;
  /** covered / total (null: nobody) */
  share: number | null;
  /** people-weighted mean travel minutes over villages that reach a facility (null: none does) */
  meanMinutes: number | null;
  /** people of villages that reach no facility of the tier over the roads */
  unreachable: number;
}

/** What the network layer and line show (null in `Derived` when the region has no roads). */
export interface NetworkDerived {
  tier: Tier;
  mode: TravelMode;
  modeLabel: string;
  threshold_min: number;
  /** per village (region order): minutes to the tier's fastest facility over the roads (Infinity: none reachable) */
  minutes: Float64Array;
  /** route length in metres */
  metres: Float64Array;
  /** 1 when within the threshold */
  covered: Uint8Array;
  /** the same on the original data (`baseline`'s network) */
  baselineCovered: Uint8Array;
  nearestId: (string | null)[];
  unit: NetworkFigure;
  /** the same unit on the original data (on another date: the network then as recorded or planned, without edits) */
  baseline: NetworkFigure;
  /** service areas along the roads of the tier's serving facilities; null when not drawn (`areasNote` says why) */
  areas: Feature[] | null;
  areasNote: string | null;
}

export interface Derived {
  view: UnitView;
  baseline: UnitView;
  kpi: Kpi;
  lights: {county: LightRow[]; township: LightRow[]; countyOwn: JudgedTarget[]; countyReferences: number};
  counties: CountyRow[];
  /** facilities drawn (display filters applied) */
  facilities: Facility[];
  /** rings of the drawn facilities of a counted status (one per settlement class each reaches) */
  circles: Feature[];
  /** per village (region order): covered by any tier, and drawn under the village filters */
  villageCovered: Uint8Array;
  villageShown: Uint8Array;
  /** covered share of the measure per township (null: no people) */
  townshipShare: Map<string, number | null>;
  /** the table: facilities and villages of the unit matching the filters and the search, at most `TABLE_LIMIT` */
  table: {rows: TableRow[]; matched: number};
  /** E2SFCA accessible beds: per village its share of its county's standard (null: beds not provided), and the unit's figures now and on the original data */
  access: {beds: Float64Array | null; ratio: Float64Array | null; unit: AccessFigure; baseline: AccessFigure};
  /** travel times over the road network in the shown tier (null: the region has no roads) */
  network: NetworkDerived | null;
  /** true when the date shown is not the data date (edits are off) */
  readOnly: boolean;
  /** after the data date: figures on the plan */
  projected: boolean;
}

export const TABLE_LIMIT = 200;

export interface ExplorerModelOptions {
  county?: string;
  measure?: string;
  layers?: readonly string[];
  select?: Selection;
  /** the bundle's road network (null or absent: straight-line radii only) */
  roads?: RoadsJson | null;
}

const allOf = <T>(xs: readonly T[]) => new Set<T>(xs);

/** The explorer's state and its pure derivations (module doc). */
export class ExplorerModel {
  readonly region: RegionJson;
  readonly boundaries: BoundariesJson;
  readonly gaps: GapsJson;
  readonly serving: readonly FacilityStatus[];
  /** the data date (the evaluation date when the region sets one) */
  readonly dataDate: string;
  /** the dates the year control offers: year-ends from the first dated year to the last deadline, and the data date */
  readonly dates: readonly string[];
  readonly measures: readonly Measure[];
  readonly radiusDefaults: Record<FacilityType, Record<SettlementClass, RadiusDefault>>;
  readonly capacity: Record<FacilityType, CapacityDefault>;
  readonly session: WhatIfSession;
  /** the original data under the same counted statuses: what every figure is compared with */
  readonly original: WhatIfSession;
  readonly townshipByCode: Map<string, Township>;
  readonly countyByCode: Map<string, County>;
  readonly villageIndex: Map<string, number>;
  readonly reach: VillageReach;
  /** township polygons for point-in-township (spatial.ts AreaIndex, shared with the loaders) */
  private readonly townshipIndex: AreaIndex;
  readonly accessParams: AccessParams;
  /** each county's bed standard per 1 000 aged 60+ (beds.ts bedStandard: its strictest own target, else GB 50437's 40) */
  readonly bedStandard: Map<string, number>;
  private readonly baseAccess = new Map<string, AccessResult>();
  /** the road network of the bundle (null: none); the graph is built on first use */
  readonly roads: RoadsJson | null;
  private net: {graph: RoadGraph; session: NetworkSession; original: NetworkSession} | null = null;
  /** the network figures last derived: kept while the network, date, statuses, tier, unit and measure stay (a selection or a search reuses them) */
  private lastNetwork: {key: string; value: NetworkDerived} | null = null;
  private readonly areaCache = new Map<string, Feature[]>();
  private readonly baseNetwork = new Map<string, NetworkCoverageResult>();
  private lastAccess: {key: string; acc: AccessResult} | null = null;
  private state: ExplorerState;
  /** the last edit's answer; null after undo, redo, import or reset */
  answer: EditAnswer | null = null;
  /** recompute times of the edits, ms */
  readonly timings: number[] = [];
  private readonly baselines = new Map<string, UnitView>();
  private readonly countyVillageIdx: Map<string, number[]>;
  private readonly tBoundary: Map<string, Feature<Area>>;
  private readonly tBBox: Map<string, number[]>;
  private readonly circleCache = new Map<string, Feature[]>();
  /** gap polygons recomputed after edits, per tier and township (replacing the build's), and those still to do */
  readonly gapOverride: Record<Tier, Map<string, Feature<Area | null>[]>> = {county: new Map(), township: new Map(), community: new Map(), meal: new Map()};
  readonly gapDirty: Record<Tier, Set<string>> = {county: new Set(), township: new Set(), community: new Set(), meal: new Set()};
  private version = 0;
  /** changes of the network (edits, undo, redo, replace, reset, counted statuses): the memo key of `viewOf` */
  private network = 0;
  private lastView: {key: string; view: UnitView} | null = null;
  private derived: {version: number; value: Derived} | null = null;

  constructor(region: RegionJson, boundaries: BoundariesJson, gaps: GapsJson, options: ExplorerModelOptions = {}) {
    this.region = region;
    this.boundaries = boundaries;
    this.gaps = gaps;
    this.serving = region.meta.serving ?? SERVING_STATUSES;
    this.dataDate = region.meta.evaluation_date ?? region.meta.data_date;
    this.dates = snapshotDates(region.facilities, region.targets, this.dataDate);
    this.radiusDefaults = region.config.radius_defaults ?? RADIUS_DEFAULTS;
    this.capacity = capacityDefaults(region.config.whatif_capacity);
    this.session = new WhatIfSession(region, region.config.radii, {statuses: this.serving, date: this.dataDate});
    this.original = new WhatIfSession(region, region.config.radii, {statuses: this.serving, date: this.dataDate});
    this.townshipByCode = new Map(region.townships.map((t) => [t.code, t]));
    this.countyByCode = new Map(region.counties.map((c) => [c.code, c]));
    this.villageIndex = new Map(region.villages.map((v, i) => [v.code, i]));
    this.countyVillageIdx = new Map(region.counties.map((c) => [c.code, [] as number[]]));
    region.villages.forEach((v, i) => this.countyVillageIdx.get(v.county_code)?.push(i));
    this.tBoundary = new Map(boundaries.townships.features.map((f) => [f.properties.code, f as Feature<Area>]));
    this.tBBox = new Map(boundaries.townships.features.map((f) => [f.properties.code, turf.bbox(f)]));
    this.reach = new VillageReach(region.villages);
    this.townshipIndex = areaIndexOf(boundaries.townships);
    this.accessParams = accessParams(region.config);
    this.bedStandard = new Map(region.counties.map((c) => [c.code, bedStandard(region.targets, c.code).per1000]));
    this.measures = MEASURES.filter((m) => provided(region.meta.absent, "villages", m));
    this.roads = options.roads?.lines.length ? options.roads : null;
    // the network layer needs the bundle's roads
    const groups = LAYER_GROUPS.map((g) => g.id).filter((g) => this.roads || !ROADS_ONLY_GROUPS.includes(g));
    const scope = options.county === "*" ? null : options.county && this.countyByCode.has(options.county) ? options.county : (region.counties[0]?.code ?? null);
    this.state = {
      scope,
      measure: this.measures.find((m) => m === options.measure) ?? "pop60",
      visible: new Set(options.layers ? groups.filter((g) => options.layers!.includes(g)) : DEFAULT_VISIBLE),
      gapTier: "community",
      addType: "community_station",
      selected: options.select && this.exists(options.select) ? {...options.select} : null,
      filters: {types: allOf(FACILITY_TYPES), statuses: allOf(FACILITY_STATUSES), operators: null, minBeds: null, villageCoverage: "all", maxTownshipShare: null},
      query: "",
      date: this.dataDate,
      networkTier: "community"
    };
  }

  get current(): Readonly<ExplorerState> {
    return this.state;
  }

  /** Whether a file provides a figure (not declared absent in region.json). */
  has(file: keyof AbsentFigures, field: string): boolean {
    return provided(this.region.meta.absent, file, field);
  }

  exists(s: Selection): boolean {
    return s.kind === "facility" ? this.session.has(s.id) : s.kind === "village" ? this.villageIndex.has(s.id) : this.townshipByCode.has(s.id);
  }

  unitName(): string {
    const s = this.state.scope;
    return s === null ? this.region.meta.name : (this.countyByCode.get(s)?.name ?? s);
  }

  /** The facility as currently edited (any status). */
  facility(id: string): Facility | undefined {
    return this.session.facility(id);
  }

  /** The session's view of a unit, memoised until the network changes (an edit computes it once for its answer and the page). */
  private viewOf(scope: string | null, measure: Measure, date: string): UnitView {
    const key = `${this.network}|${scope ?? "*"}|${measure}|${date}`;
    if (this.lastView?.key !== key) this.lastView = {key, view: this.session.view(scope, measure, date)};
    return this.lastView.view;
  }

  private set(patch: Partial<ExplorerState>): void {
    this.state = {...this.state, ...patch};
    this.version++;
  }

  apply(action: ExplorerAction): ApplyResult {
    const s = this.state;
    switch (action.type) {
      case "scope": {
        const county = action.county !== null && !this.countyByCode.has(action.county) ? s.scope : action.county;
        const changed = county !== s.scope;
        this.set({scope: county});
        return {ok: true, scopeChanged: changed};
      }
      case "measure":
        if (this.measures.includes(action.measure)) this.set({measure: action.measure});
        return {ok: true};
      case "layer": {
        if (!this.roads && ROADS_ONLY_GROUPS.includes(action.group)) return {ok: true};
        const visible = new Set(s.visible);
        if (action.on) visible.add(action.group);
        else visible.delete(action.group);
        this.set({visible});
        return {ok: true};
      }
      case "gapTier":
        this.set({gapTier: action.tier});
        return {ok: true};
      case "networkTier":
        if (TIERS.includes(action.tier)) this.set({networkTier: action.tier});
        return {ok: true};
      case "addType":
        this.set({addType: action.facilityType});
        return {ok: true};
      case "select":
        this.set({selected: action.selection && this.exists(action.selection) ? {...action.selection} : null});
        return {ok: true};
      case "filters":
        this.set({filters: {...s.filters, ...action.filters}});
        return {ok: true};
      case "query":
        this.set({query: action.query});
        return {ok: true};
      case "date":
        if (!this.dates.includes(action.date)) return {ok: false, error: `没有 ${action.date} 的视图`};
        this.set({date: action.date});
        return {ok: true};
      case "counted": {
        const statuses = FACILITY_STATUSES.filter((x) => action.statuses.includes(x));
        try {
          this.session.reset(this.session.ops, statuses);
        } catch (e) {
          this.version++;
          return {ok: false, error: scenarioErrorZh((e as Error).message)};
        }
        this.original.reset([], this.session.statuses);
        this.baselines.clear();
        this.baseAccess.clear();
        this.network++;
        this.markGaps("all", "all");
        this.version++;
        return {ok: true};
      }
      case "edit":
        return this.edit(action.op, action.select);
      case "undo":
      case "redo": {
        const done = action.type === "undo" ? this.session.undo() : this.session.redo();
        if (!done) return {ok: false};
        this.network++;
        this.answer = null;
        const sel = s.selected && s.selected.kind === "facility" && !this.session.has(s.selected.id) ? null : s.selected;
        this.markGaps("all", "all");
        this.set({selected: sel});
        return {ok: true};
      }
      case "replace": {
        try {
          this.session.replace(action.ops);
        } catch (e) {
          this.version++;
          return {ok: false, error: scenarioErrorZh((e as Error).message)};
        }
        this.answer = null;
        this.network++;
        const county = action.follow === false ? null : scenarioCounty(action.ops, this.region.facilities);
        const moved = county !== null && this.countyByCode.has(county) && county !== s.scope;
        this.markGaps("all", "all");
        this.set({selected: null, date: this.dataDate, ...(moved ? {scope: county} : {})});
        return {ok: true, scopeChanged: moved};
      }
      case "reset":
        this.network++;
        this.session.reset(this.session.ops, this.serving);
        this.session.replace([]); // undoable
        this.answer = null;
        this.original.reset([], this.serving);
        for (const t of TIERS) (this.gapOverride[t].clear(), this.gapDirty[t].clear());
        this.baselines.clear();
        this.baseAccess.clear();
        this.set({selected: null, date: this.dataDate});
        return {ok: true};
    }
  }

  private edit(op: ScenarioOp, select: string | null | undefined): ApplyResult {
    if (this.state.date !== this.dataDate) return {ok: false, error: "修改只能在数据日期的视图中进行：请先把年份切回数据日期。"};
    const session = this.session;
    const before = op.op === "move" || op.op === "remove" ? session.facility(op.id) : undefined;
    const countBefore = this.viewOf(this.state.scope, this.state.measure, this.dataDate).count;
    const t0 = now();
    let after: CoverageCount;
    try {
      session.apply(op);
      this.network++;
      after = this.viewOf(this.state.scope, this.state.measure, this.dataDate).count;
    } catch (e) {
      this.version++;
      return {ok: false, error: scenarioErrorZh(`方案第 1 步（${op.op}）无法执行：${(e as Error).message}`).replace(/^方案第 1 步（\w+）/, "此修改")};
    }
    const ms = now() - t0;
    this.timings.push(ms);
    const placed = op.op === "add" ? session.facility(op.facility.id) : op.op === "move" ? session.facility(op.id) : undefined;
    const reached = placed ? Object.values(this.reach.reach(placed, session.engine.radii())).reduce((a, n) => a + (n ?? 0), 0) : null;
    this.answer = editAnswer(op, countBefore, after, {reached, counted: placed ? session.statuses.includes(placed.status) : true});
    if (op.op === "radius") this.markGaps(TIER_OF[op.type], "all");
    else if (op.op === "add") this.markGaps(op.facility.tier, this.affectedTownships(op.facility));
    else if (before) this.markGaps(before.tier, this.affectedTownships(before, op.op === "move" ? [op.lng, op.lat] : undefined));
    const selected = select ? {kind: "facility" as const, id: select} : op.op === "remove" ? null : this.state.selected;
    this.set({selected});
    return {ok: true, ms};
  }

  // ---- gaps

  /** Mark gap polygons of `tier` (or all tiers) in these townships (or all) for recomputing. */
  markGaps(tier: Tier | "all", townships: Iterable<string> | "all"): void {
    const tiers = tier === "all" ? TIERS : [tier];
    for (const t of tiers) for (const code of townships === "all" ? this.townshipByCode.keys() : townships) this.gapDirty[t].add(code);
    this.version++;
  }

  /**
   * Townships whose gap polygons a facility's circles can touch (at `f`, and at `also` for a move): each township
   * whose box meets the box of the facility's widest radius (geo.ts degrees of the one distance definition).
   */
  affectedTownships(f: Facility, also?: readonly [number, number]): string[] {
    const r = Math.max(...SETTLEMENTS.map((s) => this.session.engine.radii()[f.type][s]));
    const dLat = metresToDegreesLat(r);
    const pts: (readonly [number, number])[] = [[f.lng, f.lat], ...(also ? [also] : [])];
    return [...this.tBBox]
      .filter(([, b]) =>
        pts.some(([lng, lat]) => {
          const dLng = metresToDegreesLng(r, lat);
          return lng + dLng >= b[0] && lng - dLng <= b[2] && lat + dLat >= b[1] && lat - dLat <= b[3];
        })
      )
      .map(([code]) => code);
  }

  /** Townships of the tier shown still to recompute. */
  gapsPending(): number {
    return this.gapDirty[this.state.gapTier].size;
  }

  /**
   * Recompute the gap polygons of one township of the tier shown (the selected county's first) with the edited
   * network; returns its code, or undefined when none is left.
   */
  gapStep(): string | undefined {
    const tier = this.state.gapTier;
    const dirty = this.gapDirty[tier];
    const scope = this.state.scope;
    let next: string | undefined;
    for (const code of dirty) {
      if (next === undefined) next = code;
      if (this.townshipByCode.get(code)?.county_code === scope) {
        next = code;
        break;
      }
    }
    if (next === undefined) return undefined;
    dirty.delete(next);
    const b = this.tBoundary.get(next);
    if (b) {
      const fc = {type: "FeatureCollection" as const, features: [{...b, properties: {township_code: next}}]};
      const vs = this.region.villages.filter((v) => v.township_code === next);
      const gs = gapPolygons(fc, this.region.townships, vs, this.session.engine.facilities(), this.session.engine.radii(), tier, {statuses: this.session.statuses, tolerance: 0.001}).features;
      this.gapOverride[tier].set(next, gs as Feature<Area | null>[]);
    }
    this.version++;
    return next;
  }

  /** The gap polygons of the tier shown: the build's, with recomputed townships replaced. */
  gapFeatures(): FeatureCollection {
    const tier = this.state.gapTier;
    const over = this.gapOverride[tier];
    return {
      type: "FeatureCollection",
      features: [...(this.gaps[tier]?.features ?? []).filter((f) => !over.has(f.properties.township_code)), ...[...over.values()].flat()].filter((f) => f.geometry !== null) as Feature[]
    };
  }

  // ---- places

  /** The township at a point: the polygon containing it, else the township of the nearest village (spatial.ts, the loaders' rule). */
  townshipAt(lng: number, lat: number): Township | undefined {
    const code = townshipAt(this.townshipIndex, lng, lat, this.region.villages);
    return code === null ? undefined : this.townshipByCode.get(code);
  }

  /** A move to (lng, lat), carrying the township there when it differs from the facility's own. */
  moveOp(id: string, lng: number, lat: number): ScenarioOp {
    const t = this.townshipAt(lng, lat);
    const f = this.session.facility(id);
    return t && f && t.code !== f.township_code ? {op: "move", id, lng, lat, place: {county_code: t.county_code, township_code: t.code}} : {op: "move", id, lng, lat};
  }

  /** An add of the selected type at (lng, lat) with the type's default capacity (config.whatif_capacity). */
  addOp(lng: number, lat: number, name = ""): ScenarioOp & {op: "add"} {
    const type = this.state.addType;
    const t = this.townshipAt(lng, lat);
    const id = newFacilityId((x) => this.session.has(x));
    const facility: Facility = {
      id,
      name: name.trim() || `新增${TYPE_LABEL[type]} ${id.slice(3)}`,
      type,
      tier: TIER_OF[type],
      status: "operating",
      county_code: t?.county_code ?? "",
      township_code: t?.code ?? "",
      lng: Math.round(lng * 1e6) / 1e6,
      lat: Math.round(lat * 1e6) / 1e6,
      ...this.capacity[type].capacity,
      operator: "unknown",
      modelled: []
    };
    return {op: "add", facility};
  }

  // ---- derived figures

  private baselineView(): UnitView {
    const key = `${this.state.scope ?? "*"}|${this.state.measure}`;
    let b = this.baselines.get(key);
    if (!b) this.baselines.set(key, (b = this.original.view(this.state.scope, this.state.measure)));
    return b;
  }

  /** Every figure the page shows for the current state (cached until the next change). */
  derive(): Derived {
    if (this.derived?.version === this.version) return this.derived.value;
    const s = this.state;
    const session = this.session;
    const view = this.viewOf(s.scope, s.measure, s.date);
    const baseline = this.baselineView();
    const c = view.count;
    const kpi: Kpi = {
      count: c,
      delta: c.covered - baseline.count.covered,
      tiers: TIERS.map((t) => ({tier: t, covered: c.byTier[t], share: c.total ? c.byTier[t] / c.total : 0, delta: c.byTier[t] - baseline.count.byTier[t]}))
    };
    const was = new Map(baseline.statuses.map((x) => [`${x.target_id}|${x.code}`, x.status]));
    const row = (t: JudgedTarget): LightRow => {
      const w = was.get(`${t.target_id}|${t.code}`);
      return {target: t, was: w && w !== t.status ? w : null};
    };
    const order: Record<Light, number> = {red: 0, amber: 1, green: 2, grey: 3};
    // own targets first, then reference standards; red first within each
    const sorted = (l: JudgedTarget[]) => [...l].sort((a, b) => Number(a.role === "reference") - Number(b.role === "reference") || order[a.status] - order[b.status]);
    const countyStatuses = view.statuses.filter((x) => x.scope === "county");
    const countyOwn = countyStatuses.filter((x) => x.role !== "reference");
    const lights = {
      county: sorted(countyStatuses).map(row),
      township: sorted(view.statuses.filter((x) => x.scope === "township")).map(row),
      countyOwn,
      countyReferences: countyStatuses.length - countyOwn.length
    };
    const counties: CountyRow[] =
      s.scope !== null
        ? []
        : this.region.counties.map((county) => {
            const count = countCovered(this.region.villages, this.countyVillageIdx.get(county.code) ?? [], view.coverage, s.measure);
            const own = view.statuses.filter((x) => x.scope === "county" && x.code === county.code && x.role !== "reference");
            const tally = {green: 0, amber: 0, red: 0, grey: 0} as Record<Light, number>;
            for (const x of own) tally[x.status]++;
            return {code: county.code, name: county.name, share: count.share, uncovered: count.uncovered, lights: tally};
          });

    // villages: covered by any tier (the engine's flags), townships: the covered sum of the same flags
    const villages = view.villages;
    const counts = TIERS.map((t) => view.coverage.tiers[t].count);
    const villageCovered = new Uint8Array(villages.length);
    const sums = new Map<string, [number, number]>();
    villages.forEach((v, i) => {
      const covered = counts.some((k) => k[i] > 0);
      villageCovered[i] = covered ? 1 : 0;
      const acc = sums.get(v.township_code) ?? [0, 0];
      acc[0] += covered ? v[s.measure] : 0;
      acc[1] += v[s.measure];
      sums.set(v.township_code, acc);
    });
    const townshipShare = new Map<string, number | null>();
    for (const t of this.region.townships) {
      const acc = sums.get(t.code);
      townshipShare.set(t.code, acc && acc[1] > 0 ? acc[0] / acc[1] : null);
    }
    const f = s.filters;
    const villageShown = new Uint8Array(villages.length);
    villages.forEach((v, i) => {
      const share = townshipShare.get(v.township_code) ?? null;
      const ok =
        (f.villageCoverage === "all" || (f.villageCoverage === "covered") === (villageCovered[i] === 1)) &&
        (f.maxTownshipShare === null || (share !== null && share < f.maxTownshipShare));
      villageShown[i] = ok ? 1 : 0;
    });
    const bedsProvided = this.has("facilities", "beds");
    const facilities = view.facilities.filter((x) => facilityPasses(x, f, bedsProvided));
    const radii = view.radii;
    const circles = facilities
      .filter((x) => session.statuses.includes(x.status))
      .flatMap((x) => {
        const r = radii[x.type];
        const own = this.settlementOf(x);
        const key = `${x.id}|${x.lng}|${x.lat}|${x.type}|${own}|${r.urban}|${r.rural}|${r.pastoral}`;
        let ring = this.circleCache.get(key);
        if (!ring) this.circleCache.set(key, (ring = servingRings(x, this.reach, radii, own)));
        return ring;
      });
    const table = this.tableRows(facilities, villages, villageShown, villageCovered);
    // accessibility depends on the network and the date only: a selection, a search or another county reuses it
    const accKey = `${this.network}|${s.date}`;
    if (this.lastAccess?.key !== accKey) this.lastAccess = {key: accKey, acc: this.accessOf(view)};
    const acc = this.lastAccess.acc;
    const baseKey = this.session.statuses.join(",");
    let baseAcc = this.baseAccess.get(baseKey);
    if (!baseAcc) this.baseAccess.set(baseKey, (baseAcc = this.accessOf(this.original.view(null, "pop60"))));
    const ratio = acc.beds ? Float64Array.from(acc.beds, (a, i) => a / this.bedStandardOf(villages[i].county_code)) : null;
    const value: Derived = {
      view,
      baseline,
      kpi,
      lights,
      counties,
      facilities,
      circles,
      villageCovered,
      villageShown,
      townshipShare,
      table,
      access: {beds: acc.beds, ratio, unit: this.accessFigure(acc, view.villageIdx), baseline: this.accessFigure(baseAcc, view.villageIdx)},
      network: this.networkOf(view),
      readOnly: s.date !== this.dataDate,
      projected: s.date > this.dataDate
    };
    this.derived = {version: this.version, value};
    return value;
  }

  /** The road graph and the two network sessions (the scenario's, the original data's), built on first use. */
  private roadEngine(): {graph: RoadGraph; session: NetworkSession; original: NetworkSession} | null {
    if (!this.roads) return null;
    if (!this.net) {
      const graph = buildRoadGraph(this.roads.lines, this.roads.config);
      this.net = {graph, session: new NetworkSession(graph, this.roads.config, this.region.villages), original: new NetworkSession(graph, this.roads.config, this.region.villages)};
    }
    return this.net;
  }

  /** The road graph (null: the region has no roads), e.g. for a test or a bench. */
  roadGraph(): RoadGraph | null {
    return this.roadEngine()?.graph ?? null;
  }

  /** Travel times over the roads in the shown tier, for the view's network and its baseline (null without roads). */
  private networkOf(view: UnitView): NetworkDerived | null {
    const net = this.roadEngine();
    if (!net || !this.roads) return null;
    const s = this.state;
    const statuses = this.session.statuses;
    const key = `${this.network}|${s.date}|${statuses.join(",")}|${s.networkTier}|${s.scope ?? "*"}|${s.measure}`;
    if (this.lastNetwork?.key === key) return this.lastNetwork.value;
    // the original data's network on the date shown: computed once per date and counted statuses, not on every edit
    const baseKey = `${s.date}|${statuses.join(",")}`;
    let base = this.baseNetwork.get(baseKey);
    if (!base) this.baseNetwork.set(baseKey, (base = net.original.coverage(this.original.view(null, "pop60", s.date).facilities, {statuses})));
    // the session computes again only the tiers an edit changed
    const result = net.session.coverage(view.facilities, {statuses});
    const tier = s.networkTier;
    const t = result.tiers[tier];
    const config = this.roads.config;
    const figure = (r: NetworkCoverageResult): NetworkFigure => {
      const x = r.tiers[tier];
      let covered = 0, total = 0, reach = 0, minutes = 0, unreachable = 0;
      for (const i of view.villageIdx) {
        const people = view.villages[i][s.measure];
        total += people;
        if (x.count[i]) covered += people;
        if (Number.isFinite(x.seconds[i])) {
          reach += people;
          minutes += (people * x.seconds[i]) / 60;
        } else unreachable += people;
      }
      return {covered, total, share: total > 0 ? covered / total : null, meanMinutes: reach > 0 ? minutes / reach : null, unreachable};
    };
    let areas: Feature[] | null = null;
    let areasNote: string | null = null;
    if (!SERVICE_AREA_TIERS.includes(tier)) areasNote = `${MODE_LABEL[config.mode_by_tier[tier]]}层级不绘制服务区（${config.thresholds_min[tier]}分钟车程覆盖县域大部分道路）`;
    else {
      areas = [];
      for (const f of view.facilities) {
        if (TIER_OF[f.type] !== tier || !statuses.includes(f.status)) continue;
        const k = `${f.id}|${f.type}|${f.lng}|${f.lat}`;
        let pieces = this.areaCache.get(k);
        if (!pieces) {
          pieces = serviceAreas(net.graph, [f], config, {statuses: [f.status], tiers: [tier]}).features.map((a) => ({type: "Feature", geometry: a.geometry, properties: {facility_id: f.id, tier, minutes: a.properties.minutes}}) as Feature);
          this.areaCache.set(k, pieces);
        }
        for (const p of pieces) areas.push(p);
        if (areas.length > MAX_SERVICE_AREA_PIECES) {
          areas = null;
          areasNote = `服务区超过 ${MAX_SERVICE_AREA_PIECES.toLocaleString("en-US")} 段，未绘制`;
          break;
        }
      }
    }
    const value: NetworkDerived = {
      tier,
      mode: t.mode,
      modeLabel: MODE_LABEL[t.mode],
      threshold_min: t.threshold_min,
      minutes: Float64Array.from(t.seconds, (x) => x / 60),
      metres: t.nearestDist,
      covered: Uint8Array.from(t.count),
      baselineCovered: Uint8Array.from(base.tiers[tier].count),
      nearestId: t.nearestId,
      unit: figure(result),
      baseline: figure(base),
      areas,
      areasNote
    };
    this.lastNetwork = {key, value};
    return value;
  }

  /** A county's bed standard per 1 000 aged 60+ (the region's access standard for a county not loaded). */
  bedStandardOf(county: string): number {
    return this.bedStandard.get(county) ?? this.accessParams.standards.beds;
  }

  /** E2SFCA accessibility of every village on a view's network (its date, counted statuses and radii). */
  private accessOf(view: UnitView): AccessResult {
    return computeAccess(view.villages, view.facilities, view.radii, this.accessParams, {statuses: this.session.statuses, absent: this.region.meta.absent});
  }

  /** Population-weighted mean accessible beds of villages `idx`, and the share of their older people below their county's standard. */
  private accessFigure(acc: AccessResult, idx: readonly number[]): AccessFigure {
    if (!acc.beds) return {mean: null, belowShare: null};
    let pop = 0, sum = 0, below = 0;
    for (const i of idx) {
      const v = acc.villages[i];
      const a = acc.beds[i];
      pop += v.pop60;
      sum += v.pop60 * a;
      if (a < this.bedStandardOf(v.county_code)) below += v.pop60;
    }
    return pop > 0 ? {mean: sum / pop, belowShare: below / pop} : {mean: null, belowShare: null};
  }

  /** A facility's own township's settlement class (the ring drawn when it reaches no village). */
  settlementOf(f: Facility): SettlementClass {
    return this.townshipByCode.get(f.township_code)?.settlement ?? "rural";
  }

  private tableRows(facilities: readonly Facility[], villages: readonly Village[], villageShown: Uint8Array, villageCovered: Uint8Array): {rows: TableRow[]; matched: number} {
    const s = this.state;
    const q = s.query.trim().toLowerCase();
    const match = (name: string, id: string) => !q || name.toLowerCase().includes(q) || id.toLowerCase().includes(q);
    const inScope = (county: string) => s.scope === null || county === s.scope;
    const tName = (code: string) => this.townshipByCode.get(code)?.name ?? code;
    const bedsProvided = this.has("facilities", "beds");
    const rows: TableRow[] = [];
    let matched = 0;
    for (const x of facilities) {
      if (!inScope(x.county_code) || !match(x.name, x.id)) continue;
      matched++;
      if (rows.length < TABLE_LIMIT)
        rows.push({kind: "facility", id: x.id, name: x.name, what: TYPE_LABEL[x.type], township: tName(x.township_code), figure: bedsProvided ? x.beds : null, covered: this.session.statuses.includes(x.status), lng: x.lng, lat: x.lat});
    }
    villages.forEach((v, i) => {
      if (!villageShown[i] || !inScope(v.county_code) || !match(v.name, v.code)) return;
      matched++;
      if (rows.length < TABLE_LIMIT)
        rows.push({kind: "village", id: v.code, name: v.name, what: v.kind === "community" ? "社区" : "村", township: tName(v.township_code), figure: v[s.measure], covered: villageCovered[i] === 1, lng: v.lng, lat: v.lat});
    });
    return {rows, matched};
  }
}

/** Whether a facility passes the map's display filters. */
export function facilityPasses(f: Facility, filters: Filters, bedsProvided = true): boolean {
  if (!filters.types.has(f.type) || !filters.statuses.has(f.status)) return false;
  if (filters.operators && !filters.operators.has(f.operator)) return false;
  if (filters.minBeds !== null && (!bedsProvided || f.beds < filters.minBeds)) return false;
  return true;
}

const now = (): number => (typeof performance !== "undefined" ? performance.now() : Date.now());
