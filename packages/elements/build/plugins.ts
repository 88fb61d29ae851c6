// The elements' build steps, used by the root vite.config.ts: the loader's own copies of what it
// imports, and the parallel fetch of an element's chunks.
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';

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
 * A few bytes per element.
 */
export function parallelChunkImports(): Plugin {
  // A link per task: starting a request costs 5–18 ms at 4× CPU slowdown (traced), and the eight
  // requests of a widget started together were one long task.
  const helper =
    'function __nazarImport(f,d){let a=[...d,f],t=p=>p.then(()=>new Promise(r=>setTimeout(r))),p=Promise.resolve();' +
    'for(let x of a)p=t(p).then(()=>{let l=document.createElement("link");l.rel="modulepreload";l.href=new URL(x,import.meta.url).href;document.head.append(l)});' +
    'return a.reduce((p,x)=>t(p).then(()=>import(x)),p)}';
  /** The chunks `file` imports, directly or not, each after the chunks it imports. */
  const dependenciesFirst = (bundle: Record<string, { type: string; imports?: string[] }>, file: string): string[] => {
    const order: string[] = [];
    const visit = (f: string) => {
      for (const dep of bundle[f]?.imports ?? []) {
        if (!order.includes(dep)) {
          visit(dep);
          order.push(dep);
        }
      }
    };
    visit(file);
    return order;
  };
  return {
    name: 'nazar-parallel-chunk-imports',
    generateBundle(_options, bundle) {
      for (const entry of Object.values(bundle)) {
        if (entry.type !== 'chunk' || !entry.isEntry) continue;
        const loaded = new Set([entry.fileName, ...entry.imports]);
        let used = false;
        entry.code = entry.code.replace(/import\(([`'"])\.\/(chunks\/[^`'"]+\.js)\1\)/g, (call, _q, file: string) => {
          const chunk = bundle[file];
          if (!chunk || chunk.type !== 'chunk') return call;
          const shared = dependenciesFirst(bundle as never, file).filter((f) => !loaded.has(f));
          if (!shared.length) return call;
          used = true;
          return `__nazarImport("./${file}",[${shared.map((f) => `"./${f}"`).join(',')}])`;
        });
        if (used) entry.code = `${entry.code}${helper}`;
      }
    },
  };
}

/**
 * Writes `dist/attribution.json`: for every built file, the source modules in it and the bytes of
 * minified code each contributed (the bundler's rendered length), so the size check can say which
 * module a page's bytes come from (bench/size-check.ts writes that into bench/RESULTS.md).
 */
export function attribution(): Plugin {
  return {
    name: 'nazar-attribution',
    generateBundle(_options, bundle) {
      const root = process.cwd().replace(/\\/g, '/');
      const files: Record<string, Record<string, number>> = {};
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
      this.emitFile({ type: 'asset', fileName: 'attribution.json', source: `${JSON.stringify(files, null, 1)}\n` });
    },
  };
}
