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

/** A read is the URL and the headers it was sent with (a poll's answer depends on the voter). */
function readKey(url: string, headers: Record<string, string>): string {
  const names = Object.keys(headers).sort();
  return names.length ? `${url}\n${names.map((n) => `${n.toLowerCase()}:${headers[n]}`).join('\n')}` : url;
}

/**
 * Starts a GET of `api + path` with `headers` now; the next `getJson` of that URL with the same
 * headers uses its response.
 */
export function prefetchJson(api: string, path: string, headers: Record<string, string> = {}, timeoutMs = 10_000): void {
  const url = join(api, path);
  const key = readKey(url, headers);
  const map = prefetchMap();
  if (map.has(key)) return;
  const early = fetch(url, { headers: { Accept: 'application/json', ...headers }, signal: AbortSignal.timeout?.(timeoutMs) });
  early.catch(() => map.delete(key));
  map.set(key, early);
}

/** The started GET of this URL with these headers, once (a second read fetches again). */
export function takePrefetched(url: string, headers: Record<string, string> = {}): Promise<Response> | undefined {
  const key = readKey(url, headers);
  const map = prefetchMap();
  const early = map.get(key);
  map.delete(key);
  return early;
}
