/**
 * Page-wide configuration, written by the loader (nazar.js) from its own script tag and read by
 * the elements. A global symbol rather than a module variable: the loader and the element chunks
 * may be separate copies (two script tags), and they must agree.
 */
export interface NazarConfig {
  /** Base URL of the backend adapter, e.g. https://nazar.example/ */
  api?: string;
  /**
   * Where nazar.js's chunks and nazar-intl.js are, ending in `/`: its script tag's `data-base`,
   * else the folder nazar.js came from.
   */
  base?: string;
}

const CONFIG = Symbol.for('nazar.config');

export function pageConfig(): NazarConfig {
  return ((globalThis as Record<symbol, unknown>)[CONFIG] as NazarConfig | undefined) ?? {};
}

export function setPageConfig(config: NazarConfig): void {
  const current = pageConfig();
  (globalThis as Record<symbol, unknown>)[CONFIG] = { ...config, ...current };
}

/** The API base for an element: its `api` attribute, else the loader's `data-api`. */
export function resolveApi(attribute: string | null | undefined): string | undefined {
  const raw = attribute?.trim() || pageConfig().api;
  if (!raw) return undefined;
  try {
    return new URL(raw, document.baseURI).href;
  } catch {
    return undefined;
  }
}

const INTL_READY = Symbol.for('nazar.intl-ready');

/** Set by the loader as it starts preparing ICU (intl-warmup.ts, prepareIntl). */
export function setIntlReady(ready: Promise<void>): void {
  (globalThis as Record<symbol, unknown>)[INTL_READY] = ready;
}

/**
 * Resolves once nazar.js has prepared ICU (intl-warmup.ts, prepareIntl); undefined without the loader
 * (a test, a bundler importing an element) or before it found a widget. A formatter built while
 * the loader's worklet is preparing ICU would wait for it on the page's main thread: a long task
 * on a phone.
 */
export function intlReady(): Promise<void> | undefined {
  return (globalThis as Record<symbol, Promise<void> | undefined>)[INTL_READY];
}

/** Where a device keeps its poll voter key. */
export const VOTER_KEY_STORAGE = 'nazar:voter-key';

/**
 * The voter key this device has stored, without making one (quick-poll's read, and the loader
 * starting that read early, must send the same one). Null without a key or without storage.
 */
export function storedVoterKey(): string | null {
  try {
    return localStorage.getItem(VOTER_KEY_STORAGE);
  } catch {
    return null;
  }
}
