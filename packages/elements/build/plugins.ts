// The elements' build steps, used by the root vite.config.ts: the loader's own copies of what it
// imports, the parallel and integrity-checked fetch of an element's chunks, the CDN folder's
// manifest.json, and dist/attribution.json.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, resolve } from 'node:path';
import type { Plugin, Rolldown } from 'vite';

type OutputChunk = Rolldown.OutputChunk;

/**
 * The loader's own imports (route paths, the page config, the early read) are copied into
 * nazar.js instead of being chunks it shares with the elements: as shared chunks they were fetched
 * only once nazar.js had been parsed, one more round trip on a phone before the draft's GET and the
 * element's code could start. They are dependency-free and keep their state on global symbols, so
 * two copies agree.
 */
const LOADER_COPIES = ['/packages/protocol/src/routes.ts', '/packages/client/src/prefetch.ts', '/packages/elements/src/internal/config.ts'];
const COPY = '?nazar-loader-copy';
export function loaderOwnCopies(): Plugin {
  return {
    name: 'nazar-loader-own-copies',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer?.endsWith('/packages/elements/src/loader.ts')) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (!resolved || !LOADER_COPIES.some((f) => resolved.id.endsWith(f))) return resolved;
      return `${resolved.id}${COPY}`;
    },
    load(id) {
      if (!id.endsWith(COPY)) return null;
      return { code: readFileSync(id.slice(0, -COPY.length), 'utf8'), moduleType: 'ts' };
    },
  };
}

/**
 * The loader imports an element's chunk on demand; that chunk imports the shared runtime (lit, the
 * client, the schemas), which the browser can only discover once the element's chunk is fetched
 * and parsed: one more round trip on a phone before anything renders. This makes each of the
 * loader's `import()`s fetch the element's chunk and the shared chunks it needs in parallel
 * (modulepreload: fetched and parsed, not run), then run them one task each, dependencies first:
 * lit, zod and the schemas evaluated together were one task of 35–110 ms at 4× CPU slowdown.
 *
 * Every one of those links carries the chunk's `integrity` (SRI, sha256: as strong a check as the
 * manifest's sha384, and 20 characters shorter), so the browser refuses a chunk whose bytes are
 * not the ones built, in Chromium and Firefox alike: a module fetched by a modulepreload is the one
 * a later `import()` (or a static import of another chunk) takes, and a refused one makes that
 * import fail (docs/architecture.md, "Chunk integrity"). The loader carries the hashes of every
 * chunk its imports need (about 0.4 KB gzip). It once fetched them as a table of their own, to
 * stay under a 2 KB loader budget, but that was a round trip before any chunk could start: on
 * slow 4G it cost the widget pages 90–140 ms of their 1 s budget (median of 15). A chunk's own
 * `import()`s (a locale's strings, the tracking lookup) carry their hashes in the chunk, which is
 * itself checked.
 */
export function parallelChunkImports(): Plugin {
  // A link per task: starting a request costs 5–18 ms at 4× CPU slowdown (traced), and the eight
  // requests of a widget started together were one long task. `a`: [file, integrity] pairs,
  // dependencies first, resolved against `b`; resolves with the last one's module.
  const load =
    'function __nazarLoad(a,b){let t=p=>p.then(()=>new Promise(r=>setTimeout(r))),u=x=>new URL(x[0],b).href,p=Promise.resolve();' +
    'for(let x of a)p=t(p).then(()=>{let l=document.createElement("link");l.rel="modulepreload";l.href=u(x);l.integrity=x[1];document.head.append(l)});' +
    'return a.reduce((p,x)=>t(p).then(()=>import(u(x))),p)}';
  // The loader's: for each of its imports, the chunks it needs with their hashes, dependencies
  // first, against the base the loader chose (its own folder, or its tag's data-base:
  // internal/config.ts).
  const loaderImport = (tables: Record<string, [string, string][]>) =>
    `let __nazarT=${JSON.stringify(tables)};` +
    'function __nazarImport(f){return __nazarLoad(__nazarT[f],globalThis[Symbol.for("nazar.config")].base)}';
  return {
    name: 'nazar-parallel-chunk-imports',
    generateBundle(_options, bundle) {
      const chunks = new Map<string, OutputChunk>();
      for (const output of Object.values(bundle)) if (output.type === 'chunk') chunks.set(output.fileName, output);
      const final = new Map<string, string>();
      const visiting = new Set<string>();
      /** The chunks `file` imports statically, directly or not, each after the chunks it imports. */
      const dependenciesFirst = (file: string): string[] => {
        const order: string[] = [];
        const visit = (f: string) => {
          for (const dep of chunks.get(f)?.imports ?? []) {
            if (!order.includes(dep)) {
              visit(dep);
              order.push(dep);
            }
          }
        };
        visit(file);
        return order;
      };
      const dynamicImport = /import\(([`'"])(\.\/[^`'"]+\.js)\1\)/g;
      const target = (importer: string, spec: string) => posix.join(posix.dirname(importer), spec);
      /** What `import(target)` from `importer` must fetch: the target and what it imports that `importer` has not. */
      const needs = (importer: string, file: string) => {
        const loaded = new Set([importer, ...dependenciesFirst(importer)]);
        return [...dependenciesFirst(file), file].filter((f) => !loaded.has(f));
      };
      /** The chunk's code once its imports carry their hashes (those chunks finished first). */
      const finish = (file: string): string => {
        const known = final.get(file);
        if (known !== undefined) return known;
        if (visiting.has(file)) throw new Error(`chunk integrity: ${file} is part of a cycle of dynamic imports`);
        visiting.add(file);
        const chunk = chunks.get(file)!;
        const isLoader = chunk.isEntry && chunk.name === 'nazar';
        const tables: Record<string, [string, string][]> = {};
        let used = false;
        const code = chunk.code.replace(dynamicImport, (call, _q, spec: string) => {
          const dep = target(file, spec);
          if (!chunks.has(dep)) return call;
          used = true;
          const pairs = needs(file, dep).map((f): [string, string] => [f, sri(finish(f), 'sha256')]);
          if (isLoader) {
            tables[dep] = pairs;
            return `__nazarImport(${JSON.stringify(dep)})`;
          }
          const relative = pairs.map(([f, i]): [string, string] => [`./${posix.relative(posix.dirname(file), f)}`, i]);
          return `__nazarLoad(${JSON.stringify(relative)},import.meta.url)`;
        });
        let done = code;
        if (used && isLoader) done = `${code}${load}${loaderImport(tables)}`;
        else if (used) done = `${code}${load}`;
        chunk.code = done;
        visiting.delete(file);
        final.set(file, done);
        return done;
      };
      for (const file of chunks.keys()) finish(file);
    },
  };
}

/** A file's Subresource Integrity value. */
export function sri(content: string | Uint8Array, algorithm: 'sha256' | 'sha384' = 'sha384'): string {
  return `${algorithm}-${createHash(algorithm).update(content).digest('base64')}`;
}

/** Every file under `dir`, as paths relative to it with `/`, sorted. */
function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(dir, `${prefix}${e.name}/`) : [`${prefix}${e.name}`]))
    .sort();
}

export const MANIFEST = 'manifest.json';

export interface CdnManifest {
  /** Every file of the folder but the manifest: its integrity (sha384) and size in bytes. */
  files: Record<string, { integrity: string; size: number }>;
}

/** The manifest of the CDN folder `dir` as it is on disk. */
export function cdnManifest(dir: string): CdnManifest {
  const files: CdnManifest['files'] = {};
  for (const file of filesUnder(dir)) {
    if (file === MANIFEST) continue;
    const bytes = readFileSync(join(dir, file));
    files[file] = { integrity: sri(bytes), size: bytes.byteLength };
  }
  return { files };
}

/**
 * Checks the CDN folder `dir` against its manifest.json: it lists every file and no other, each
 * with the hash of its bytes, and every hash a script carries for another file (the loader's
 * table, a chunk's own imports) is that file's. Throws, naming what is wrong.
 */
export function verifyCdn(dir: string): CdnManifest {
  const listed = (JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as CdnManifest).files;
  const actual = cdnManifest(dir).files;
  const wrong: string[] = [];
  for (const file of Object.keys(actual)) {
    if (!listed[file]) wrong.push(`${file} is not in ${MANIFEST}`);
    else if (listed[file].integrity !== actual[file].integrity)
      wrong.push(`${file}: ${MANIFEST} says ${listed[file].integrity}, the file is ${actual[file].integrity}`);
  }
  for (const file of Object.keys(listed)) if (!actual[file]) wrong.push(`${file} is in ${MANIFEST} but not in the folder`);
  // The loader and the chunks carry sha256 values (shorter); each file is hashed once.
  const sha256s: Record<string, string> = {};
  for (const file of Object.keys(actual)) {
    if (!file.endsWith('.js')) continue;
    const code = readFileSync(join(dir, file), 'utf8');
    for (const [, path, integrity, algorithm] of code.matchAll(/\["([^"]+\.js)","((sha256|sha384)-[\w+/=]+)"\]/g)) {
      // The loader's paths are against its folder, a chunk's against its own.
      const resolved = path.startsWith('./') ? posix.join(posix.dirname(file), path) : path;
      const bytes = actual[resolved]
        ? algorithm === 'sha384'
          ? actual[resolved].integrity
          : (sha256s[resolved] ??= sri(readFileSync(join(dir, resolved)), 'sha256'))
        : 'missing';
      if (bytes !== integrity) wrong.push(`${file} expects ${resolved} to be ${integrity}, it is ${bytes}`);
    }
  }
  if (wrong.length) throw new Error(`the CDN folder ${dir} does not match its ${MANIFEST}:\n${wrong.join('\n')}`);
  return { files: listed };
}

/**
 * Writes `manifest.json` into the CDN folder once it is complete (the bundle and public/): every
 * file with its integrity, for webmasters' script tags and for mirroring the folder; then checks
 * the folder against it, so a build whose hashes disagree with its files fails.
 */
export function manifest(): Plugin {
  let outDir = '';
  return {
    name: 'nazar-cdn-manifest',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      writeFileSync(join(outDir, MANIFEST), `${JSON.stringify(cdnManifest(outDir), null, 1)}\n`);
      verifyCdn(outDir);
    },
  };
}

/**
 * Writes `dist/attribution.json` (beside the CDN folder, not in it: it is not served): for every
 * built file, the source modules in it and the bytes of minified code each contributed (the
 * bundler's rendered length), so the size check can say which module a page's bytes come from
 * (bench/size-account.ts writes that into bench/RESULTS.md).
 */
export function attribution(): Plugin {
  let files: Record<string, Record<string, number>> = {};
  let outDir = '';
  return {
    name: 'nazar-attribution',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    generateBundle(_options, bundle) {
      const root = process.cwd().replace(/\\/g, '/');
      files = {};
      for (const [file, output] of Object.entries(bundle)) {
        if (output.type !== 'chunk') continue;
        const modules: Record<string, number> = {};
        for (const [id, info] of Object.entries(output.modules)) {
          if (info.renderedLength === 0) continue;
          const name = id
            .replace(/\\/g, '/')
            .replace(`${root}/`, '')
            .replace(/^.*node_modules\/\.pnpm\/[^/]+\/node_modules\//, '');
          modules[name] = info.renderedLength;
        }
        files[file] = modules;
      }
    },
    writeBundle() {
      writeFileSync(join(dirname(outDir), 'attribution.json'), `${JSON.stringify(files, null, 1)}\n`);
    },
  };
}
