/**
 * How the Node server sends files and large API answers over a citizen's weak mobile link:
 * compressed (Brotli, else gzip, as the browser accepts), with an ETag so a revalidation costs a
 * 304, and content-hashed chunks cached for a year (their name changes when they do).
 *
 * A file's compressed forms are made once and kept in memory until the file changes (its size or
 * modification time): the widgets are a few hundred kilobytes in all.
 */
import { hash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

export type Encoding = 'br' | 'gzip';

const COMPRESSIBLE = new Set(['.js', '.mjs', '.css', '.html', '.json', '.map', '.webmanifest', '.txt', '.svg']);
/** Below this, compression saves less than it costs. */
const COMPRESS_MIN_BYTES = 1024;

/**
 * The encoding to answer with for an `Accept-Encoding` header: Brotli when accepted, else gzip,
 * else none. A coding listed with `q=0` is refused.
 */
export function negotiateEncoding(acceptEncoding: string | null | undefined): Encoding | null {
  const weight = encodingWeights(acceptEncoding);
  if (weight('br') > 0) return 'br';
  if (weight('gzip') > 0) return 'gzip';
  return null;
}

function encodingWeights(acceptEncoding: string | null | undefined): (name: string) => number {
  if (!acceptEncoding) return () => 0;
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    let q = 1;
    for (const p of params) {
      const [k, v] = p.trim().split('=');
      if (k === 'q') q = Number(v);
    }
    accepted.set(name, Number.isFinite(q) ? q : 0);
  }
  return (name: string) => accepted.get(name) ?? (accepted.has('*') ? accepted.get('*')! : 0);
}

function compress(body: Uint8Array, encoding: Encoding): Promise<Buffer> {
  return encoding === 'br'
    ? brotli(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: body.byteLength } })
    : gzipAsync(body, { level: 9 });
}

interface CachedFile {
  size: number;
  mtimeMs: number;
  body: Buffer;
  /** Of the bytes as stored; each encoding gets its own suffix. */
  etag: string;
  encoded: Partial<Record<Encoding, Promise<Buffer>>>;
}

/** A file found on disk: its real path, and what its stat said (a changed file has another). */
export interface FoundFile {
  path: string;
  size: number;
  mtimeMs: number;
}

const files = new Map<string, CachedFile>();

async function cachedFile({ path, ...info }: FoundFile): Promise<CachedFile> {
  const known = files.get(path);
  if (known && known.size === info.size && known.mtimeMs === info.mtimeMs) return known;
  const body = await readFile(path);
  const entry: CachedFile = {
    size: info.size,
    mtimeMs: info.mtimeMs,
    body,
    etag: hash('sha256', body, 'base64url').slice(0, 22),
    encoded: {},
  };
  files.set(path, entry);
  return entry;
}

/** `If-None-Match` holds `etag` (or `*`). */
function matches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((t) => {
    const tag = t.trim().replace(/^W\//, '');
    return tag === '*' || tag === etag;
  });
}

export interface FileResponseOptions {
  method: string;
  /** Served to county sites on other origins (module scripts need CORS). */
  crossOrigin: boolean;
  /** The name carries a content hash: cache it for a year. */
  immutable: boolean;
  mimeType: string;
  acceptEncoding: string | null;
  ifNoneMatch: string | null;
}

export async function fileResponse(found: FoundFile, o: FileResponseOptions): Promise<Response> {
  const file = await cachedFile(found);
  const encoding =
    COMPRESSIBLE.has(extname(found.path).toLowerCase()) && file.size >= COMPRESS_MIN_BYTES ? negotiateEncoding(o.acceptEncoding) : null;
  const etag = `"${file.etag}${encoding ? `-${encoding}` : ''}"`;
  const headers: Record<string, string> = {
    'Content-Type': o.mimeType,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    // Hashed chunks never change under their name; anything else is checked each time (a 304).
    'Cache-Control': o.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    ETag: etag,
    Vary: 'Accept-Encoding',
  };
  if (o.crossOrigin) {
    // County sites on other origins load these as module scripts: CORS mode, so they need ACAO.
    headers['Access-Control-Allow-Origin'] = '*';
    headers['Cross-Origin-Resource-Policy'] = 'cross-origin';
  }
  if (matches(o.ifNoneMatch, etag)) return new Response(null, { status: 304, headers });
  let body: Buffer = file.body;
  if (encoding) {
    body = await (file.encoded[encoding] ??= compress(file.body, encoding));
    headers['Content-Encoding'] = encoding;
  }
  headers['Content-Length'] = String(body.byteLength);
  return new Response(o.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
}

/**
 * The same large answer is read again and again (every citizen opening a draft gets the same
 * bytes until someone comments): its compressed form is kept, found by a hash of the bytes, which
 * costs a small fraction of compressing them again. At most GZIP_CACHE_ENTRIES, oldest out first.
 */
const GZIP_CACHE_ENTRIES = 64;
/** Smaller answers are compressed each time: cheap, and not worth a slot. */
const GZIP_CACHE_MIN_BYTES = 16 * 1024;
const gzipCache = new Map<string, Promise<Buffer>>();

export function gzipCached(raw: Uint8Array): Promise<Buffer> {
  if (raw.byteLength < GZIP_CACHE_MIN_BYTES) return gzipAsync(raw, { level: 6 });
  const key = hash('sha256', raw, 'base64');
  const known = gzipCache.get(key);
  if (known) {
    // Most recently used last: the Map's order is the eviction order.
    gzipCache.delete(key);
    gzipCache.set(key, known);
    return known;
  }
  const made = gzipAsync(raw, { level: 6 });
  made.catch(() => gzipCache.delete(key));
  gzipCache.set(key, made);
  if (gzipCache.size > GZIP_CACHE_ENTRIES) gzipCache.delete(gzipCache.keys().next().value!);
  return made;
}

/** How many compressed answers are kept (tests). */
export function gzipCacheSize(): number {
  return gzipCache.size;
}

/**
 * A large API answer (a whole draft is hundreds of kilobytes of text) compressed for a client that
 * accepts it; small answers, answers already encoded and non-JSON answers pass unchanged. gzip at a
 * middle level: these are made per request, so speed matters more than the last percent.
 */
export async function compressApiResponse(response: Response, acceptEncoding: string | null): Promise<Response> {
  const type = response.headers.get('content-type') ?? '';
  if (response.status === 304 || response.status === 204 || !response.body || response.headers.has('content-encoding')) return response;
  if (!/^application\/(?:problem\+)?json\b/.test(type)) return response;
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared < COMPRESS_MIN_BYTES) return response;
  if (!(encodingWeights(acceptEncoding)('gzip') > 0)) return response;
  const raw = new Uint8Array(await response.arrayBuffer());
  const headers = new Headers(response.headers);
  headers.append('Vary', 'Accept-Encoding');
  if (raw.byteLength < COMPRESS_MIN_BYTES) return new Response(raw, { status: response.status, headers });
  const body = await gzipCached(raw);
  headers.set('Content-Encoding', 'gzip');
  headers.set('Content-Length', String(body.byteLength));
  return new Response(new Uint8Array(body), { status: response.status, headers });
}
