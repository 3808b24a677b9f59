// The one small DOM helper the components share: an element with a class and text. Text goes through textContent,
// so names from data are never parsed as HTML.

/** `document.createElement(tag)` with `className` (when given) and `text` as its textContent (when given). */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}
