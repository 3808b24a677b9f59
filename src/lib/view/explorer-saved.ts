/**
 * The explorer's work kept across a reload: the session's scenario saved in the browser's localStorage under a key
 * of the region and the bundle of counties loaded, offered back (never applied silently) on the next visit.
 * Distinct from the siting page's hand-over (SCENARIO_STORAGE_KEY in scenario.ts), which is one scenario for any
 * page of the region. Storage can be missing or throw (private mode, quota, disabled): every access here is
 * guarded and reports failure as a value.
 */
import {parseScenario, type Scenario, type ScenarioOp} from "../engine/scenario.js";

/**
 * Where the explorer keeps the work of one bundle (its first county names it).
 * @example savedScenarioKey("default", "640302") // "carecircle:explorer:default:640302"
 */
export function savedScenarioKey(regionId: string, bundleFirstCounty: string): string {
  return `carecircle:explorer:${regionId}:${bundleFirstCounty}`;
}

/** The text stored for a session's ops: a scenario file (the export format), `created` = when it was saved. */
export function serialiseSaved(regionId: string, ops: readonly ScenarioOp[], savedAt: Date, name = "未保存的模拟方案"): string {
  const s: Scenario = {format: "carecircle-scenario", version: 1, region: regionId, name, created: savedAt.toISOString(), ops: [...ops]};
  return JSON.stringify(s);
}

export type SavedRead = {kind: "none"} | {kind: "ok"; scenario: Scenario} | {kind: "invalid"; message: string};

/**
 * Read what was stored: none (nothing, or an empty scenario: nothing to offer), a checked scenario, or why the
 * text cannot be read (the message of parseScenario, to be shown in Chinese by scenarioErrorZh).
 */
export function readSaved(text: string | null, regionId: string): SavedRead {
  if (text === null || text === "") return {kind: "none"};
  let scenario: Scenario;
  try {
    scenario = parseScenario(JSON.parse(text), regionId);
  } catch (e) {
    return {kind: "invalid", message: (e as Error).message};
  }
  return scenario.ops.length ? {kind: "ok", scenario} : {kind: "none"};
}

/** "2026-12-01 18:30" in the browser's time zone; the text as given when it is not a date. */
export function savedAtText(iso: string): string {
  const d = new Date(iso);
  if (!iso || Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The part of the Web Storage API used here. */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Storage access that never throws: get returns null, set and remove return false when storage fails. */
export interface SafeStorage {
  get(key: string): string | null;
  set(key: string, value: string): boolean;
  remove(key: string): boolean;
}

/**
 * Wrap a storage getter (`() => localStorage`, which itself throws in some private modes).
 * @example const store = safeStorage(() => localStorage); store.set(key, text)
 */
export function safeStorage(get: () => StorageLike | null | undefined): SafeStorage {
  const storage = (): StorageLike | null => {
    try {
      return get() ?? null;
    } catch {
      return null;
    }
  };
  return {
    get(key) {
      try {
        return storage()?.getItem(key) ?? null;
      } catch {
        return null;
      }
    },
    set(key, value) {
      try {
        const s = storage();
        if (!s) return false;
        s.setItem(key, value);
        return true;
      } catch {
        return false;
      }
    },
    remove(key) {
      try {
        const s = storage();
        if (!s) return false;
        s.removeItem(key);
        return true;
      } catch {
        return false;
      }
    }
  };
}
