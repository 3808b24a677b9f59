// The map legend: sections from src/lib/view/legend.ts (only visible layers), swatches drawn as small SVGs.
// Labels are set with textContent.
import type {LegendSection, Swatch} from "../lib/view/legend.js";

const SVG = "http://www.w3.org/2000/svg";

function svgEl(tag: string, attrs: Record<string, string | number>): SVGElement {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

function shapePath(shape: string, c: number, r: number): string {
  switch (shape) {
    case "square":
      return `M${c - r * 0.9},${c - r * 0.9}h${r * 1.8}v${r * 1.8}h${-r * 1.8}Z`;
    case "diamond":
      return `M${c},${c - r * 1.15}L${c + r * 1.15},${c}L${c},${c + r * 1.15}L${c - r * 1.15},${c}Z`;
    case "triangle":
      return `M${c},${c - r * 1.1}L${c + r * 1.1},${c + r * 0.85}L${c - r * 1.1},${c + r * 0.85}Z`;
    default:
      return `M${c - r},${c}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0`;
  }
}

/** A 22×16 swatch (ramps are wider). */
export function SwatchSvg(s: Swatch): SVGSVGElement {
  const w = s.kind === "ramp" ? 60 : 22;
  const svg = svgEl("svg", {width: w, height: 16, viewBox: `0 0 ${w} 16`, "aria-hidden": "true", class: "cc-swatch"}) as SVGSVGElement;
  switch (s.kind) {
    case "fill":
      svg.append(svgEl("rect", {x: 2, y: 2, width: 18, height: 12, fill: s.color, "fill-opacity": Math.max(s.opacity, 0.15), stroke: s.outline ?? "none", "stroke-dasharray": s.dashed ? "3,2" : "none"}));
      break;
    case "line":
      svg.append(svgEl("line", {x1: 1, y1: 8, x2: 21, y2: 8, stroke: s.color, "stroke-width": Math.max(1, s.width), "stroke-dasharray": s.dash ? s.dash.map((d) => d * 1.5).join(",") : "none"}));
      break;
    case "dot":
      svg.append(svgEl("circle", {cx: 11, cy: 8, r: Math.min(7.5, s.radius), fill: s.color, "fill-opacity": 0.8, stroke: "#fff", "stroke-width": 0.6}));
      break;
    case "marker":
      svg.append(
        svgEl("path", {
          d: shapePath(s.shape, 8, 5.5),
          transform: "translate(3,0)",
          fill: s.fill === "hollow" ? "#fff" : s.color,
          stroke: s.fill === "ringed" ? "#111" : s.fill === "hollow" ? s.color : "#fff",
          "stroke-width": 1.4
        })
      );
      break;
    case "ramp": {
      const step = w / s.colors.length;
      s.colors.forEach((c, i) => svg.append(svgEl("rect", {x: i * step, y: 3, width: step + 0.5, height: 10, fill: c})));
      break;
    }
  }
  return svg;
}

/** Items of one legend section as a list. */
export function LegendList(section: LegendSection): HTMLUListElement {
  const ul = document.createElement("ul");
  ul.className = "cc-legend-items";
  ul.dataset.legendGroup = section.group;
  for (const item of section.items) {
    const li = document.createElement("li");
    const label = document.createElement("span");
    label.textContent = item.label;
    li.append(SwatchSvg(item.swatch), label);
    ul.append(li);
  }
  return ul;
}
