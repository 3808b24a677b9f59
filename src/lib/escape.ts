/**
 * Text from data (facility, village and township names, notes) is untrusted. Anything that builds HTML from it —
 * popups, tooltips, tables rendered from strings — goes through `escapeHtml`; DOM code prefers `textContent`.
 */

const ENTITIES: Record<string, string> = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;", "`": "&#96;"};

/** Escape a value for use in HTML text or a quoted attribute. null/undefined → "". */
export function escapeHtml(value: unknown): string {
  if (value === null || value === undefined) return "";
  return String(value).replace(/[&<>"'`]/g, (c) => ENTITIES[c]);
}

/**
 * A tagged template that escapes every interpolated value: html`<b>${name}</b>` → a safe string.
 * Values wrapped with `raw()` are inserted as they are (only for markup we built ourselves).
 */
export function safeHtml(strings: TemplateStringsArray, ...values: unknown[]): string {
  let out = strings[0];
  values.forEach((v, i) => {
    out += (v instanceof Raw ? v.html : escapeHtml(v)) + strings[i + 1];
  });
  return out;
}

class Raw {
  constructor(readonly html: string) {}
}

/** Mark markup we generated (never data) as safe for `safeHtml`. */
export function raw(html: string): Raw {
  return new Raw(html);
}
