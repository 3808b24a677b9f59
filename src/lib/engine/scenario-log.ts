/**
 * Recording a planner's what-if edits as a scenario (the format of `scenario.ts`), and explaining scenario
 * errors in Chinese. Pure, no DOM.
 *
 * Recording keeps the op list short without changing what it does: the coverage engine's state depends only on
 * the final facility set and radius table (its results equal a fresh computation), so
 * - moving a facility the scenario added rewrites that add's coordinates (and township, dropping its village code,
 *   as the engine's move does);
 * - moving a facility twice keeps only the last move;
 * - removing a facility the scenario added drops its add (and nothing is recorded);
 * - removing a facility drops its earlier moves;
 * - setting a radius twice keeps the last value; setting it back to the base value drops it;
 * - setting the capacity of a facility the scenario added rewrites that add's figures; of a data facility, the
 *   figures merge into one capacity op (removing the facility drops it).
 * Applying the recorded ops to the data gives the same coverage as applying every edit in order (tested).
 */
import type {RadiusTable} from "../types.js";
import {FIELD_LABEL} from "../view/field-labels.js";
import type {ScenarioOp} from "./scenario.js";

/**
 * Append `op` to `ops` (not modified), folding it into earlier ops where possible (see module doc).
 * @param base radius table of the data, so a radius set back to its base value records nothing
 * @example recordOp([{op: "add", facility}], {op: "move", id: facility.id, lng, lat}) // one add at (lng, lat)
 */
export function recordOp(ops: readonly ScenarioOp[], op: ScenarioOp, base?: RadiusTable): ScenarioOp[] {
  switch (op.op) {
    case "add":
      return [...ops, op];
    case "move": {
      const i = ops.findIndex((o) => o.op === "add" && o.facility.id === op.id);
      if (i >= 0) {
        const {village_code: _, ...added} = (ops[i] as Extract<ScenarioOp, {op: "add"}>).facility;
        const moved = {...added, lng: op.lng, lat: op.lat, ...(op.place ? {county_code: op.place.county_code, township_code: op.place.township_code} : {})};
        return ops.map((o, k) => (k === i ? {op: "add", facility: moved} : o));
      }
      // a later move without a place keeps the township an earlier move gave
      const earlier = ops.find((o): o is Extract<ScenarioOp, {op: "move"}> => o.op === "move" && o.id === op.id);
      const place = op.place ?? earlier?.place;
      return [...ops.filter((o) => !(o.op === "move" && o.id === op.id)), place ? {...op, place} : op];
    }
    case "capacity": {
      const i = ops.findIndex((o) => o.op === "add" && o.facility.id === op.id);
      if (i >= 0) {
        const added = (ops[i] as Extract<ScenarioOp, {op: "add"}>).facility;
        return ops.map((o, k) => (k === i ? {op: "add", facility: {...added, ...op.fields}} : o));
      }
      const earlier = ops.find((o): o is Extract<ScenarioOp, {op: "capacity"}> => o.op === "capacity" && o.id === op.id);
      return [...ops.filter((o) => !(o.op === "capacity" && o.id === op.id)), {op: "capacity", id: op.id, fields: {...earlier?.fields, ...op.fields}}];
    }
    case "remove": {
      const added = ops.some((o) => o.op === "add" && o.facility.id === op.id);
      const rest = ops.filter((o) => !((o.op === "move" && o.id === op.id) || (o.op === "capacity" && o.id === op.id) || (o.op === "add" && o.facility.id === op.id)));
      return added ? rest : [...rest, op];
    }
    case "radius": {
      const rest = ops.filter((o) => !(o.op === "radius" && o.type === op.type && o.settlement === op.settlement));
      return base && base[op.type][op.settlement] === op.metres ? rest : [...rest, op];
    }
  }
}

/** A new facility id not in `taken`: `${prefix}1`, `${prefix}2`, … */
export function newFacilityId(taken: (id: string) => boolean, prefix = "WI-"): string {
  for (let i = 1; ; i++) if (!taken(`${prefix}${i}`)) return `${prefix}${i}`;
}

/** Field names of a scenario file, in Chinese (record fields from field-labels.ts). */
const FIELD_ZH: Record<string, string> = {
  ...FIELD_LABEL,
  format: "格式标识",
  version: "版本",
  region: "地区",
  created: "创建时间",
  ops: "操作列表",
  op: "操作类型",
  facility: "设施",
  id: "设施编号",
  type: "设施类型",
  metres: "半径（米）",
  fields: "容量",
  place: "新位置所属乡镇"
};

/** "scenario.ops[2].facility.lng" → "第 3 步操作 · 设施 · 经度". */
function whereZh(where: string): string {
  const parts: string[] = [];
  for (const token of where.split(".")) {
    if (token === "scenario") continue;
    const m = /^(\w+)\[(\d+)\]$/.exec(token);
    if (m) parts.push(m[1] === "ops" ? `第 ${Number(m[2]) + 1} 步操作` : `${FIELD_ZH[m[1]] ?? m[1]}第 ${Number(m[2]) + 1} 项`);
    else parts.push(FIELD_ZH[token] ?? token);
  }
  return parts.length ? parts.join(" · ") : "文件内容";
}

function expectedZh(expected: string): string {
  let m: RegExpExecArray | null;
  if ((m = /^a number in \[(-?[\d.e+]+), (-?[\d.e+]+)\]$/.exec(expected))) return `${m[1]} 到 ${m[2]} 之间的数字`;
  if ((m = /^a string of at most (\d+) characters$/.exec(expected))) return `不超过 ${m[1]} 个字符的文字`;
  if ((m = /^one of (.+)$/.exec(expected))) return `以下之一：${m[1]}`;
  if ((m = /^an array of at most (\d+) ops$/.exec(expected))) return `不超过 ${m[1]} 步的操作列表`;
  if ((m = /^the current region "(.*)"$/.exec(expected))) return `当前地区“${m[1]}”（此方案是为其他地区制作的）`;
  const fixed: Record<string, string> = {
    "a JSON object": "一个 JSON 对象",
    "a facility object": "一个设施对象",
    "an op object": "一个操作对象",
    "a place object": "一个含乡镇代码和县代码的对象",
    "an object of capacity figures": "一个容量对象（床位、护理型床位、助餐座位、建筑面积、社工）",
    "add, move, remove, radius or capacity": "add（新增）、move（移动）、remove（删除）、radius（半径）或 capacity（容量）之一"
  };
  return fixed[expected] ?? expected;
}

/**
 * A scenario error (from `parseScenario`, `applyScenario` or JSON.parse) in plain Chinese for the planner.
 * @example scenarioErrorZh('scenario.ops[0].lng: expected a number in [-180, 180], found "x"')
 * // 方案文件有误：第 1 步操作 · 经度 应为 -180 到 180 之间的数字，实际为 "x"。
 */
export function scenarioErrorZh(message: string): string {
  const parsed = /^([\w.[\]]+): expected (.+), found (.*)$/s.exec(message);
  if (parsed) return `方案文件有误：${whereZh(parsed[1])} 应为${expectedZh(parsed[2])}，实际为 ${parsed[3] === "undefined" || parsed[3] === "" ? "（缺失）" : parsed[3]}。`;
  if (message.startsWith("方案第")) {
    return message
      .replace(/Unknown facility id: (.*)$/, "找不到编号为 $1 的设施（方案可能基于另一版数据）。")
      .replace(/Duplicate facility id: (.*)$/, "设施编号 $1 已存在，不能重复新增。")
      .replace(/Facility (.*): invalid coordinates (.*)$/, "设施 $1 的坐标无效（$2）。")
      .replace(/Invalid radius (.*) at (.*): expected.*$/, "半径 $1 无效（应为正数，单位米）。");
  }
  if (/JSON|Unexpected token|Unexpected end/i.test(message)) return `文件不是有效的 JSON 方案文件：${message}`;
  return `无法读取方案：${message}`;
}
