/**
 * Dates on the default region's network (modelled): when each facility opened and, for facilities under
 * construction or planned, when it is expected to open — both derived from the project item that builds or
 * converts it (projects.csv, itself modelled as to progress).
 *
 * Rule (written in provenance.json and data/default/README.md):
 * - a facility built or converted by a *done* item opened at the end of the item's `year`, no later than the
 *   item's deadline nor the data date (利通区's 2023 conversions: 2023-12-31; its 2024 ones: 2024-12-31);
 * - a facility under construction or planned expects to open at the latest deadline of its unfinished building
 *   items (利通区's 高闸镇 centre: 2025-12-31);
 * - every other facility has no opening date: it was in service before the plans the data describes (2020), so it
 *   counts as of every date. Conversions are dated as the opening of the converted facility; the facility it was
 *   before (敬老院, 日间照料中心) is not modelled as a separate record.
 * No facility of the default region closed.
 */
import type {Facility, ProjectItem, Target} from "../../src/lib/types.ts";

/** Project item categories that build or convert the facility they name (the others upgrade, add beds, link). */
export const BUILDING_CATEGORIES: ReadonlySet<string> = new Set([
  "新建综合养老服务中心",
  "既有设施转型升级",
  "苏木镇综合养老服务设施",
  "社区养老服务站",
  "社区养老服务综合体",
  "老年人日间服务中心",
  "社区助餐服务场所"
]);

export interface FacilityDates {
  opened?: string;
  expected_completion?: string;
}

const min = (...dates: string[]): string => dates.reduce((a, b) => (b < a ? b : a));

/** Dates per facility id (only facilities with a building item appear). */
export function facilityDates(facilities: readonly Facility[], projects: readonly ProjectItem[], dataDate: string): Map<string, FacilityDates> {
  const out = new Map<string, FacilityDates>();
  const byId = new Map(facilities.map((f) => [f.id, f]));
  for (const p of projects) {
    if (!p.facility_id || !BUILDING_CATEGORIES.has(p.category)) continue;
    const f = byId.get(p.facility_id);
    if (!f) continue;
    const d = out.get(f.id) ?? {};
    if (f.status === "operating" || f.status === "upgrading") {
      if (p.status !== "done") continue;
      const opened = min(`${p.year ?? p.deadline.slice(0, 4)}-12-31`, p.deadline, dataDate);
      if (!d.opened || opened > d.opened) d.opened = opened;
    } else if (p.status !== "done") {
      if (!d.expected_completion || p.deadline > d.expected_completion) d.expected_completion = p.deadline;
    }
    if (d.opened || d.expected_completion) out.set(f.id, d);
  }
  return out;
}

/**
 * A target's modelled fields: "deadline" where the document gives no date (the note says 截止日期为假设),
 * "threshold" where the threshold is computed on a modelled base (杭锦旗's beds: modelled baseline + 260).
 */
export function targetModelled(t: Pick<Target, "note">): string[] {
  const out: string[] = [];
  if (t.note?.includes("截止日期为假设")) out.push("deadline");
  if (t.note && /（模拟）/.test(t.note)) out.push("threshold");
  return out;
}
