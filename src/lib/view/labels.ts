/**
 * Map labels that do not pile up: a greedy placement that tries each label, most important first, in a few
 * positions around its point and keeps it only where its box overlaps no label already placed (nor leaves the
 * frame, nor any obstacle such as another point's marker). Pure geometry on pixel boxes, no DOM, so it is testable; the static maps use it as a Plot render
 * transform (src/components/static-map.ts).
 */

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface LabelCandidate {
  /** anchor point in pixels */
  x: number;
  y: number;
  text: string;
  /** larger is placed first */
  priority: number;
}

export type Placement = "top" | "bottom" | "right" | "left";

export interface PlacedLabel {
  /** index into the candidates */
  index: number;
  placement: Placement;
  /** centre of the text in pixels */
  cx: number;
  cy: number;
  box: Box;
}

export interface LabelOptions {
  fontSize?: number;
  /** pixels between the point and the nearest edge of its label */
  offset?: number;
  /** clear space kept around every label */
  padding?: number;
  /** the frame labels must stay inside */
  bounds?: Box;
  /** positions tried, in order */
  placements?: readonly Placement[];
  /** boxes no label may cover (e.g. the other points' markers) */
  obstacles?: readonly Box[];
}

/** Rough rendered width of `text`: CJK and full-width characters 1 em, others 0.6 em. */
export function textWidth(text: string, fontSize: number): number {
  let w = 0;
  for (const ch of text) w += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? fontSize : 0.6 * fontSize;
  return w;
}

export function overlaps(a: Box, b: Box): boolean {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

function inside(a: Box, b: Box): boolean {
  return a.x0 >= b.x0 && a.x1 <= b.x1 && a.y0 >= b.y0 && a.y1 <= b.y1;
}

/**
 * Place the labels greedily; returns those placed, in placement order (by priority, ties by input order).
 * A label with no free position is dropped.
 */
export function placeLabels(candidates: readonly LabelCandidate[], options: LabelOptions = {}): PlacedLabel[] {
  const fontSize = options.fontSize ?? 10;
  const offset = options.offset ?? 5;
  const padding = options.padding ?? 1.5;
  const placements = options.placements ?? ["top", "bottom", "right", "left"];
  const order = candidates.map((_, i) => i).sort((a, b) => candidates[b].priority - candidates[a].priority || a - b);
  const placed: PlacedLabel[] = [];
  for (const index of order) {
    const c = candidates[index];
    const w = textWidth(c.text, fontSize);
    const h = fontSize * 1.2;
    for (const placement of placements) {
      const cx = placement === "right" ? c.x + offset + w / 2 : placement === "left" ? c.x - offset - w / 2 : c.x;
      const cy = placement === "top" ? c.y - offset - h / 2 : placement === "bottom" ? c.y + offset + h / 2 : c.y;
      const box = {x0: cx - w / 2 - padding, y0: cy - h / 2 - padding, x1: cx + w / 2 + padding, y1: cy + h / 2 + padding};
      if (options.bounds && !inside(box, options.bounds)) continue;
      if (placed.some((p) => overlaps(p.box, box))) continue;
      if (options.obstacles?.some((o) => overlaps(o, box))) continue;
      placed.push({index, placement, cx, cy, box});
      break;
    }
  }
  return placed;
}
