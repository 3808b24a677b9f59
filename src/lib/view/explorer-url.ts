/**
 * The explorer's view in the address, so a view can be shared and survives a reload:
 * `explorer.html?county=640302&measure=pop65&layers=choropleth,circles,villages&select=f:F123`.
 * Only the query changes (the page stays explorer.html), so a link works under any sub-path on a static server.
 * Pure: the page reads `location.search` on load and writes the result of `explorerUrl` with `history.replaceState`.
 *
 * Parameters:
 * - `county`: a county code, or `*` for every county loaded;
 * - `bundle`: with `county=*` on a province, a county of the bundle whose counties were shown (which bundle to load);
 * - `measure`: the population measure (pop60, pop65, pop80, disabled);
 * - `layers`: the visible layer groups, comma-separated (empty = none drawn);
 * - `select`: the selected object, `f:<facility id>`, `v:<village code>` or `t:<township code>`.
 * Unknown or invalid values are ignored (left undefined), never an error; other parameters are kept as they are.
 */

export type SelectionKind = "facility" | "village" | "township";

export interface ExplorerUrlState {
  /** county code, or "*" for all counties loaded */
  county?: string;
  /** with county "*": a county of the bundle shown */
  bundle?: string;
  measure?: string;
  /** visible layer groups, in the order of `known.layers` */
  layers?: string[];
  select?: {kind: SelectionKind; id: string};
}

/** The values the page knows: anything else in the address is ignored. */
export interface ExplorerUrlKnown {
  counties: readonly string[];
  measures: readonly string[];
  layers: readonly string[];
}

const KIND_OF: Record<string, SelectionKind> = {f: "facility", v: "village", t: "township"};
const PREFIX: Record<SelectionKind, string> = {facility: "f", village: "v", township: "t"};
/** the parameters this module owns */
export const EXPLORER_URL_PARAMS = ["county", "bundle", "measure", "layers", "select"] as const;
const MAX_ID = 80;

/**
 * Read the explorer's view from a query string (with or without the leading "?").
 * @example parseExplorerUrl("?county=640302&measure=pop65&layers=circles,villages", known)
 * // {county: "640302", measure: "pop65", layers: ["circles", "villages"]}
 */
export function parseExplorerUrl(search: string, known: ExplorerUrlKnown): ExplorerUrlState {
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(search);
  } catch {
    return {};
  }
  const state: ExplorerUrlState = {};
  const county = params.get("county");
  if (county === "*" || (county !== null && known.counties.includes(county))) state.county = county;
  const bundle = params.get("bundle");
  if (state.county === "*" && bundle !== null && known.counties.includes(bundle)) state.bundle = bundle;
  const measure = params.get("measure");
  if (measure !== null && known.measures.includes(measure)) state.measure = measure;
  const layers = params.get("layers");
  if (layers !== null) {
    const asked = layers.split(",").map((s) => s.trim()).filter((s) => s !== "");
    const valid = known.layers.filter((l) => asked.includes(l));
    // "layers=" asks for none; a list of names none of which is known is ignored
    if (asked.length === 0 || valid.length > 0) state.layers = valid;
  }
  const select = params.get("select");
  const m = select === null ? null : /^([fvt]):(.+)$/s.exec(select);
  if (m && m[2].length <= MAX_ID) state.select = {kind: KIND_OF[m[1]], id: m[2]};
  return state;
}

/**
 * The query string ("?…", or "" when empty) for a view, keeping the parameters of `search` this module does not own.
 * Commas, colons and "*" are written as they are (readable links); everything else is percent-encoded.
 * @example explorerUrl({county: "640302", measure: "pop65", layers: ["circles"]}) // "?county=640302&measure=pop65&layers=circles"
 */
export function explorerUrl(state: ExplorerUrlState, search = ""): string {
  const params = new URLSearchParams(search);
  for (const k of EXPLORER_URL_PARAMS) params.delete(k);
  if (state.county !== undefined) params.set("county", state.county);
  if (state.county === "*" && state.bundle !== undefined) params.set("bundle", state.bundle);
  if (state.measure !== undefined) params.set("measure", state.measure);
  if (state.layers !== undefined) params.set("layers", state.layers.join(","));
  if (state.select !== undefined) params.set("select", `${PREFIX[state.select.kind]}:${state.select.id}`);
  const text = params.toString().replace(/%2C/gi, ",").replace(/%3A/gi, ":");
  return text ? `?${text}` : "";
}
