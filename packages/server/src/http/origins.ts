/**
 * The sites that may embed the widgets: the origins from `NAZAR_ALLOWED_ORIGINS` plus every
 * origin of the sites table (managed through `/v1/admin/sites`). They get CORS answers and may
 * register a service on its first feedback. No Node built-ins.
 *
 * The list is kept in memory and re-read from the store when a site changes in this process and,
 * for changes made by other processes sharing the database, at most `ttlMs` after they happened
 * (the check itself never waits for the database).
 */
import type { AdminStore } from '../store/admin-store.js';

/** An exact origin (`https://county.example`; a trailing slash is dropped), or null. */
export function parseAllowedOrigin(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return null;
  }
  if (!/^https?:$/.test(url.protocol) || url.pathname !== '/' || url.search || url.hash || url.username || url.password) return null;
  return url.origin;
}

export interface OriginAllowList {
  has(origin: string): boolean;
  /** Re-reads the sites now (after a change). */
  refresh(): Promise<void>;
  /** The current list (env first). */
  list(): string[];
}

export function originAllowList(
  fixed: readonly string[],
  store: Pick<AdminStore, 'listSites'> | null,
  options: { ttlMs?: number; nowMs?: () => number } = {},
): OriginAllowList {
  const ttl = options.ttlMs ?? 10_000;
  const nowMs = options.nowMs ?? (() => Date.now());
  let current = new Set(fixed);
  let loadedAt = -Infinity;
  let loading: Promise<void> | null = null;

  const refresh = (): Promise<void> => {
    if (store === null) return Promise.resolve();
    loading ??= (async () => {
      try {
        const next = new Set(fixed);
        for (const site of await store.listSites()) for (const o of site.origins) next.add(o);
        current = next;
        loadedAt = nowMs();
      } catch {
        // The store is unreachable: keep the last list (readiness reports the store).
        loadedAt = nowMs();
      } finally {
        loading = null;
      }
    })();
    return loading;
  };

  return {
    has(origin) {
      if (nowMs() - loadedAt > ttl) void refresh();
      return current.has(origin);
    },
    refresh,
    list: () => [...current],
  };
}
