/**
 * Early reads. The loader starts the GET an element will make first while the element's code is
 * still downloading; the element's `getJson` then takes that response instead of fetching again.
 * A module of its own with no dependencies, so the loader stays tiny.
 */
const PREFETCH = Symbol.for('nazar.prefetch');
type PrefetchMap = Map<string, Promise<Response>>;

function prefetchMap(): PrefetchMap {
  const g = globalThis as Record<symbol, unknown>;
  return (g[PREFETCH] ??= new Map()) as PrefetchMap;
}

/** Same joining rule as the client's: no doubled or dropped slash. */
function join(api: string, path: string): string {
  return api.replace(/\/+$/, '') + (path.startsWith('/') ? path : `/${path}`);
}

/** Starts a GET of `api + path` now; the next `getJson` of that URL uses its response. */
export function prefetchJson(api: string, path: string, timeoutMs = 10_000): void {
  const url = join(api, path);
  const map = prefetchMap();
  if (map.has(url)) return;
  const early = fetch(url, { headers: { Accept: 'application/json' }, signal: AbortSignal.timeout?.(timeoutMs) });
  early.catch(() => map.delete(url));
  map.set(url, early);
}

/** The started GET of this URL, once (a second read fetches again). */
export function takePrefetched(url: string): Promise<Response> | undefined {
  const map = prefetchMap();
  const early = map.get(url);
  map.delete(url);
  return early;
}
