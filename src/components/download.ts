// Download buttons: a table as CSV (UTF-8 with BOM, for Excel) and a map layer as GeoJSON. Built with DOM
// methods only; the file name and label are ours, the data goes into a Blob, never into markup.
import {toCsv, type Cell} from "../lib/view/csv.js";

/** A button that downloads what `make` returns when clicked (the content is made at click time). */
export function DownloadButton(label: string, filename: string | (() => string), make: () => Blob): HTMLButtonElement {
  return button(label, filename, make);
}

function button(label: string, filename: string | (() => string), make: () => Blob): HTMLButtonElement {
  const b = document.createElement("button");
  b.type = "button";
  b.className = "cc-download cc-no-print";
  b.textContent = label;
  if (typeof filename === "string") b.dataset.filename = filename;
  b.addEventListener("click", () => {
    const url = URL.createObjectURL(make());
    const a = document.createElement("a");
    a.href = url;
    a.download = typeof filename === "string" ? filename : filename();
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  });
  return b;
}

/** A button that downloads `rows` as `filename` (.csv). */
export function CsvButton<T extends Record<string, Cell>>(rows: readonly T[], filename: string, label = "下载 CSV"): HTMLButtonElement {
  return button(label, filename, () => new Blob([toCsv(rows)], {type: "text/csv;charset=utf-8"}));
}

/** A button that downloads a GeoJSON object as `filename` (.geojson). */
export function GeoJsonButton(geojson: unknown, filename: string, label = "下载 GeoJSON"): HTMLButtonElement {
  return button(label, filename, () => new Blob([JSON.stringify(geojson)], {type: "application/geo+json"}));
}

/** A button that downloads a JSON value (e.g. a what-if scenario) as `filename` (.json). */
export function JsonButton(value: unknown, filename: string, label = "下载 JSON"): HTMLButtonElement {
  return button(label, filename, () => new Blob([JSON.stringify(value, null, 2)], {type: "application/json"}));
}

/** A row of buttons. */
export function Downloads(...buttons: HTMLElement[]): HTMLDivElement {
  const div = document.createElement("div");
  div.className = "cc-downloads cc-no-print";
  div.append(...buttons);
  return div;
}
