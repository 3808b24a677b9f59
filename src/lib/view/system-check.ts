/**
 * The 系统自检 checklist's pure part: what a check reports, the verdict over all checks, and the plain-text report an
 * IT person copies into a ticket. The checks themselves run in the browser (src/components/system-check.ts).
 */

/** The outcome of one check: passed or not, what was seen, and what to do when it failed. */
export interface CheckOutcome {
  ok: boolean;
  /** what was measured, e.g. "200，1.2 MB" or "未找到（HTTP 404）" */
  detail: string;
  /** what to do about a failure (shown only when it failed) */
  fix?: string;
}

export interface CheckResult extends CheckOutcome {
  id: string;
  /** the line's name, e.g. "数据文件 results.json" */
  label: string;
}

export interface Verdict {
  ok: boolean;
  passed: number;
  failed: number;
  /** e.g. "全部 24 项通过：本站可以在这台服务器上使用。" */
  text: string;
}

/** The overall verdict: good only when every check passed. */
export function verdict(results: readonly CheckResult[]): Verdict {
  const failed = results.filter((r) => !r.ok).length;
  const passed = results.length - failed;
  const text = failed === 0
    ? `全部 ${passed} 项通过：本站可以在这台服务器和这个浏览器上使用。`
    : `${failed} 项未通过（共 ${results.length} 项）：请按各项的处理办法修复后刷新本页。`;
  return {ok: failed === 0 && results.length > 0, passed, failed, text};
}

/** A byte count as people read it: "812 B", "3.4 KB", "1.2 MB". */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** The report to copy: where and when, the verdict, then one line per check (✔ / ✘), with the fix of each failure. */
export function checkReport(results: readonly CheckResult[], meta: {url: string; userAgent: string; time: string; site: string}): string {
  const v = verdict(results);
  return [
    `${meta.site} 系统自检报告`,
    `地址：${meta.url}`,
    `时间：${meta.time}`,
    `浏览器：${meta.userAgent}`,
    `结论：${v.text}`,
    "",
    ...results.map((r) => `${r.ok ? "✔ 通过" : "✘ 未通过"}  ${r.label}：${r.detail}${!r.ok && r.fix ? `\n    处理办法：${r.fix}` : ""}`)
  ].join("\n");
}
