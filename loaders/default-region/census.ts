/**
 * The 2020 census figures of the five seed counties, carried into the project (not the census file itself).
 * Source: National Bureau of Statistics, seventh population census (2020), county-level tabulation, as compiled
 * in the open repository leiii/census (MIT), file data/census/census_county_2020_v1.xlsx; 60+, 65+ and 80+ are
 * summed from the five-year age bands; households65 = households with a member aged 65+.
 * (Handed to this project as ../shared/data/census2020-seed-counties.csv.)
 */
export interface CensusCounty {
  code: string;
  province: string;
  city: string;
  name: string;
  pop_total: number;
  pop60: number;
  pop65: number;
  pop80: number;
  households65: number;
}

export const CENSUS_SOURCE =
  "NBS 2020 census county tabulation via leiii/census (MIT), data/census/census_county_2020_v1.xlsx (60+/65+/80+ summed from five-year age bands)";

export const CENSUS: readonly CensusCounty[] = [
  {code: "150626", province: "内蒙古自治区", city: "鄂尔多斯市", name: "乌审旗", pop_total: 158566, pop60: 20610, pop65: 13303, pop80: 2287, households65: 9512},
  {code: "640302", province: "宁夏回族自治区", city: "吴忠市", name: "利通区", pop_total: 460790, pop60: 60455, pop65: 44038, pop80: 7000, households65: 30874},
  {code: "500120", province: "重庆市", city: "重庆市", name: "璧山区", pop_total: 756022, pop60: 161450, pop65: 125890, pop80: 25297, households65: 87303},
  {code: "150625", province: "内蒙古自治区", city: "鄂尔多斯市", name: "杭锦旗", pop_total: 110824, pop60: 24406, pop65: 16537, pop80: 2862, households65: 11343},
  {code: "310116", province: "上海市", city: "上海市", name: "金山区", pop_total: 822776, pop60: 193924, pop65: 140122, pop80: 27927, households65: 90151}
];
