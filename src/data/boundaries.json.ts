// County and township boundaries as GeoJSON (WGS84, 5 decimals ≈ 1 m) for the maps. Rings are wound clockwise
// (exterior) as d3-geo / Plot expect for spherical polygons — RFC 7946's counter-clockwise rings make d3 fill the
// rest of the globe; maplibre draws either.
import * as turf from "@turf/turf";
import type {Feature, Geometry} from "geojson";
import {printJson, siteData} from "../../loaders/site-data.ts";

const {region} = await siteData();

function round(geometry: Geometry): Geometry {
  const r = (c: unknown): unknown => (typeof c === "number" ? Math.round(c * 1e5) / 1e5 : Array.isArray(c) ? c.map(r) : c);
  return "coordinates" in geometry ? ({...geometry, coordinates: r(geometry.coordinates)} as Geometry) : geometry;
}

const strip = (fc: {features: Feature[]}) => ({
  type: "FeatureCollection",
  features: fc.features.map((f) => turf.rewind({...f, geometry: round(f.geometry)}, {reverse: true}))
});

printJson({counties: strip(region.countyBoundaries), townships: strip(region.townshipBoundaries)});
