import { defineConfig } from 'vite';
import { attribution, loaderOwnCopies, manifest, parallelChunkImports } from './packages/elements/build/plugins.ts';

const WIDGETS = ['service-feedback', 'draft-consultation', 'quick-poll', 'tracking-lookup', 'console'];

/** A chunk's name from its modules: a widget's own code, the Outbox, the shared element base … */
function chunkName(chunk: { name: string; facadeModuleId: string | null; moduleIds: string[] }): string {
  const facade = chunk.facadeModuleId?.replace(/\\/g, '/') ?? '';
  const strings = /\/generated\/locales\/([\w-]+)\.ts$/.exec(facade);
  if (strings) return `${facade.includes('/src/console/') ? 'console-' : ''}strings-${strings[1]}`;
  const widget = WIDGETS.find((w) => facade.includes(`/src/${w}/`));
  if (widget) return widget;
  const ids = chunk.moduleIds.map((id) => id.replace(/\\/g, '/'));
  if (ids.some((id) => id.includes('/client/src/outbox/'))) return 'outbox';
  if (ids.some((id) => id.includes('/internal/base.styles'))) return 'element-base';
  return chunk.name;
}

export default defineConfig({
  root: 'packages/elements',
  // manifest() last: it hashes the finished folder (docs/webmaster.md, self-hosting).
  plugins: [loaderOwnCopies(), parallelChunkImports(), attribution(), manifest()],
  build: {
    // The CDN folder: everything a county page loads, and what `npm start` serves at `/`.
    outDir: 'dist/cdn',
    emptyOutDir: true,
    target: 'es2022',
    minify: true,
    modulePreload: false,
    reportCompressedSize: false,
    // The officials' console is an entry of its own: the loader never imports it.
    lib: { entry: { nazar: 'src/loader.ts', 'nazar-console': 'src/console/define.ts' }, formats: ['es'] },
    rolldownOptions: {
      output: {
        minify: true,
        // V8's explicit compile hint: compile every function of a chunk with the chunk, which for
        // a streamed script is off the main thread, instead of at its first call on it (zod's
        // internals at the first schema built, an element's render at its first render). Without
        // it, building zod's schemas was one task of 64–96 ms at 4× CPU slowdown; with it 16–47 ms
        // (measured; the widgets no longer carry zod, but an element's first render still gains).
        // Not the loader: it must stay small and runs little.
        postBanner: (chunk) => (chunk.isEntry ? '' : '//# allFunctionsCalledOnLoad'),
        entryFileNames: '[name].js',
        // Named after what they hold, so a page's list of files says what it pays for
        // (dist/attribution.json has every module's share; bench/RESULTS.md the account).
        chunkFileNames: (chunk) => `chunks/${chunkName(chunk)}-[hash].js`,
        codeSplitting: {
          groups: [
            // Chunks of their own, so each is evaluated in a task of its own (parallelChunkImports).
            // With the decorator helper and all of @lit/localize: the console shares these with the
            // widgets, and a shared module outside a group would split the widgets' chunks (one
            // more request on a slow network).
            {
              name: 'lit',
              test: /node_modules[\\/](lit|lit-html|lit-element|@lit[\\/]reactive-element)[\\/]|@oxc-project\+runtime@[^/]+[\\/]helpers[\\/]esm[\\/]decorate\.js$/,
            },
            { name: 'lit-localize', test: /node_modules[\\/]@lit[\\/]localize[\\/]/ },
          ],
        },
      },
    },
  },
});
