// The 系统自检 checklist an IT person runs after copying the site onto a server: each check runs in this browser
// against this server, and its line turns green (通过) or red (未通过, with what to do). The verdict sits on top;
// "复制报告" copies the plain-text report (src/lib/view/system-check.ts) for a ticket. Text via textContent only.
import {checkReport, formatBytes, verdict, type CheckOutcome, type CheckResult} from "../lib/view/system-check.js";
import {el} from "./dom.js";

/** One line of the checklist: a name and the async test behind it. */
export interface Check {
  id: string;
  label: string;
  run: () => Promise<CheckOutcome> | CheckOutcome;
}


/** Give up on a check that neither passes nor fails within `ms`. */
function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what}超过 ${ms / 1000} 秒未完成`)), ms))]);
}

/**
 * Run `checks` one after another and show them as a checklist with the verdict on top.
 * The element carries data-state="running" | "done" and data-ok="1" | "0" when done; each line data-id and data-ok.
 */
export function SystemChecklist(checks: readonly Check[], options: {site: string; timeoutMs?: number}): HTMLElement {
  const root = el("section", "cc-syscheck");
  root.dataset.state = "running";
  const banner = el("div", "cc-q-banner cc-syscheck-verdict");
  banner.setAttribute("role", "status");
  banner.append(el("strong", undefined, "正在检查…"), el("span", undefined, `共 ${checks.length} 项`));
  const list = el("ol", "cc-syscheck-list");
  const rows = checks.map((c) => {
    const li = el("li", "cc-syscheck-item");
    li.dataset.id = c.id;
    const mark = el("span", "cc-light none");
    mark.setAttribute("aria-hidden", "true");
    const state = el("span", "cc-syscheck-state", "检查中");
    const label = el("span", "cc-syscheck-label", c.label);
    const detail = el("span", "cc-syscheck-detail");
    const fix = el("div", "cc-syscheck-fix");
    li.append(mark, state, label, detail, fix);
    list.append(li);
    return {li, mark, state, detail, fix};
  });
  const copy = el("button", "cc-download", "复制报告");
  copy.type = "button";
  copy.disabled = true;
  const copied = el("span", "cc-meta cc-syscheck-copied");
  const details = el("details", "cc-syscheck-report");
  const pre = el("pre");
  details.append(el("summary", undefined, "报告全文"), pre);
  const tools = el("p", "cc-no-print");
  tools.append(copy, " ", copied);
  root.append(banner, list, tools, details);

  const results: CheckResult[] = [];
  (async () => {
    for (const [i, c] of checks.entries()) {
      let outcome: CheckOutcome;
      try {
        outcome = await withTimeout(Promise.resolve(c.run()), options.timeoutMs ?? 30_000, c.label);
      } catch (error) {
        outcome = {ok: false, detail: `检查出错：${error instanceof Error ? error.message : String(error)}`, fix: "刷新本页重试；仍失败时把本报告发给技术支持。"};
      }
      results.push({id: c.id, label: c.label, ...outcome});
      const r = rows[i];
      r.li.dataset.ok = outcome.ok ? "1" : "0";
      r.mark.className = `cc-light ${outcome.ok ? "green" : "red"}`;
      r.state.textContent = outcome.ok ? "通过" : "未通过";
      r.detail.textContent = outcome.detail;
      r.fix.textContent = !outcome.ok && outcome.fix ? `处理办法：${outcome.fix}` : "";
    }
    const v = verdict(results);
    banner.classList.add(v.ok ? "cc-q-ok" : "cc-q-bad");
    banner.replaceChildren(el("strong", undefined, v.ok ? "自检通过" : "自检未通过"), el("span", undefined, v.text));
    const report = checkReport(results, {url: location.href, userAgent: navigator.userAgent, time: new Date().toLocaleString("zh-CN"), site: options.site});
    pre.textContent = report;
    copy.disabled = false;
    copy.onclick = async () => {
      try {
        await navigator.clipboard.writeText(report);
        copied.textContent = "已复制到剪贴板。";
      } catch {
        // clipboard refused (plain http on an intranet): select the text for Ctrl+C instead
        details.open = true;
        getSelection()?.selectAllChildren(pre);
        copied.textContent = "浏览器不允许直接复制：报告全文已选中，请按 Ctrl+C。";
      }
    };
    root.dataset.ok = v.ok ? "1" : "0";
    root.dataset.state = "done";
  })();
  return root;
}

/** A file of the site is served: HTTP 200, not empty, and (for wasm) with the MIME type browsers require. */
export function fileCheck(id: string, name: string, href: string, options: {wasm?: boolean} = {}): Check {
  return {
    id,
    label: options.wasm ? `WebAssembly 文件 ${name}` : `数据文件 ${name}`,
    async run() {
      const response = await fetch(href, {cache: "no-store"});
      if (!response.ok) {
        return {ok: false, detail: `未找到（HTTP ${response.status}）：${href}`, fix: `服务器上缺少这个文件。请把构建输出文件夹（dist/）整个重新复制到服务器，包括以下划线开头的 _file、_npm、_observablehq、_import 文件夹；不要只复制 .html 文件。`};
      }
      const size = (await response.arrayBuffer()).byteLength;
      const type = response.headers.get("content-type") ?? "";
      if (options.wasm && !type.startsWith("application/wasm")) {
        return {ok: false, detail: `类型为“${type || "无"}”，${formatBytes(size)}`, fix: "服务器未把 .wasm 文件声明为 application/wasm。nginx：确认 mime.types 含 “application/wasm wasm;”；IIS：在 MIME 类型中添加 .wasm → application/wasm（见 README“部署到内网服务器”）。"};
      }
      if (size === 0) return {ok: false, detail: "文件为空（0 字节）", fix: "复制不完整：请重新复制构建输出。"};
      return {ok: true, detail: `HTTP ${response.status}，${formatBytes(size)}`};
    }
  };
}

/** A page of the site reached by the link the site itself makes (`href`, relative to this page). */
export function pageCheck(id: string, label: string, href: string): Check {
  return {
    id,
    label,
    async run() {
      const url = new URL(href, location.href).href;
      const response = await fetch(url, {cache: "no-store"});
      const type = response.headers.get("content-type") ?? "";
      if (!response.ok || !type.startsWith("text/html")) {
        return {ok: false, detail: `打不开（HTTP ${response.status}）：${url}`, fix: "县区报告在 county/ 文件夹中（以 .html 结尾），乡镇报告是 township.html?code=乡镇代码。请确认这两个文件夹已复制到服务器，且服务器没有改写地址。"};
      }
      await response.arrayBuffer();
      return {ok: true, detail: `HTTP 200：${url}`};
    }
  };
}

/** WebGL, which the maps need. */
export function webglCheck(): Check {
  return {
    id: "webgl",
    label: "WebGL（地图绘制）",
    run() {
      const canvas = document.createElement("canvas");
      const gl = canvas.getContext("webgl2") ?? canvas.getContext("webgl");
      if (!gl) return {ok: false, detail: "浏览器未提供 WebGL", fix: "地图无法显示。请使用新版 Chrome、Edge 或 360 浏览器极速模式，并在浏览器设置中开启“使用硬件加速”。"};
      return {ok: true, detail: gl instanceof WebGL2RenderingContext ? "WebGL 2" : "WebGL 1"};
    }
  };
}

/** WebAssembly, which the siting bound (HiGHS) and the SQL page (DuckDB) need. */
export function wasmCheck(): Check {
  return {
    id: "wasm",
    label: "WebAssembly（选址求解、SQL 查询）",
    async run() {
      // the smallest module: magic + version, one function type () -> i32, one function returning 42, exported as "f"
      const bytes = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 127, 3, 2, 1, 0, 7, 5, 1, 1, 102, 0, 0, 10, 6, 1, 4, 0, 65, 42, 11]);
      if (typeof WebAssembly !== "object") return {ok: false, detail: "浏览器不支持 WebAssembly", fix: "请使用新版 Chrome、Edge 或 360 浏览器极速模式（不要用兼容模式或 IE）。"};
      const {instance} = await WebAssembly.instantiate(bytes);
      const value = (instance.exports.f as () => number)();
      return value === 42 ? {ok: true, detail: "可用"} : {ok: false, detail: `测试模块返回 ${value}`, fix: "浏览器的 WebAssembly 不可用，请更换浏览器。"};
    }
  };
}

/** A Chinese font: 养 drawn with the page's font must differ from a character no font has (drawn as a box). */
export function cjkFontCheck(fontFamily: string): Check {
  return {
    id: "font",
    label: "中文字体",
    run() {
      const draw = (text: string) => {
        const canvas = document.createElement("canvas");
        canvas.width = canvas.height = 40;
        const ctx = canvas.getContext("2d", {willReadFrequently: true});
        if (!ctx) return undefined;
        ctx.font = `32px ${fontFamily}`;
        ctx.fillText(text, 2, 32);
        return Array.from(ctx.getImageData(0, 0, 40, 40).data).join(",");
      };
      const han = draw("养");
      const missing = draw("\u{10FFFD}");
      if (han === undefined) return {ok: false, detail: "无法绘制文字", fix: "浏览器不支持画布（canvas），请更换浏览器。"};
      if (han === missing) return {ok: false, detail: "汉字显示为方框", fix: "这台电脑缺少中文字体。Windows 自带微软雅黑；Linux 请安装 Noto Sans CJK（Debian：fonts-noto-cjk）。"};
      return {ok: true, detail: "汉字可正常显示"};
    }
  };
}

/** Local storage, where the explorer keeps a planner's scenario. */
export function storageCheck(): Check {
  return {
    id: "storage",
    label: "本地存储（保存模拟方案）",
    run() {
      try {
        const key = "carecircle-system-check";
        localStorage.setItem(key, "1");
        const ok = localStorage.getItem(key) === "1";
        localStorage.removeItem(key);
        if (ok) return {ok: true, detail: "可用"};
      } catch {
        // fall through
      }
      return {ok: false, detail: "浏览器禁止本地存储", fix: "模拟方案和选址建议无法在页面间传递。请退出无痕/隐私模式，或在浏览器设置中允许本站存储数据。"};
    }
  };
}

/** A map element (MapView) finishes drawing. */
export function mapCheck(mapElement: () => HTMLElement & {map: {once(type: "idle", listener: () => void): unknown; loaded(): boolean}}): Check {
  return {
    id: "map",
    label: "地图组件（MapLibre，无底图）",
    async run() {
      const element = mapElement();
      if (element.dataset.idle !== "1") await new Promise<void>((resolve) => element.map.once("idle", () => resolve()));
      return {ok: true, detail: "示例地图已绘制"};
    }
  };
}
