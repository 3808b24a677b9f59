/** Load a hand-made fixture region from test/fixtures/regions. */
import {readFileSync} from "node:fs";
import type {FeatureCollection, MultiPolygon, Polygon} from "geojson";
import type {County, Facility, Township, Village} from "../../src/lib/types.ts";

export interface FixtureRegion {
  counties: County[];
  townships: Township[];
  villages: Village[];
  facilities: Facility[];
  township_boundaries: FeatureCollection<Polygon | MultiPolygon, {township_code: string}>;
}

export function loadFixture(name: string): FixtureRegion {
  return JSON.parse(readFileSync(new URL(`../fixtures/regions/${name}.json`, import.meta.url), "utf8")) as FixtureRegion;
}
