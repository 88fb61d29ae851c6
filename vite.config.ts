import { defineConfig } from 'vite';
import { loaderOwnCopies, parallelChunkImports } from './packages/elements/build/plugins.ts';

export default defineConfig({
  root: 'packages/elements',
  plugins: [loaderOwnCopies(), parallelChunkImports()],
  build: {
    outDir: 'dist',
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
        // it, building the protocol's schemas was one task of 64–96 ms at 4× CPU slowdown; with
        // it 16–47 ms (measured, see codeSplitting). Not the loader: it must stay small and runs little.
        postBanner: (chunk) => (chunk.isEntry ? '' : '//# allFunctionsCalledOnLoad'),
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
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
            { name: 'zod', test: /node_modules[\\/]zod[\\/]/ },
            // The protocol's schemas are built when their module runs, in a task of their own (with
            // the compile hint above, 16–47 ms at 4× CPU slowdown). A chunk per source file was no
            // faster and cost the slow-network page more requests. A widget's own schemas with its
            // code (consultation.ts, poll.ts) cut this chunk to 5.4 KB of 7.6 minified, but made the
            // draft's own chunk, the last one it waits for, bigger: 982 → 1052 ms median to
            // interactive on slow 4G (15 runs each), over the 1 s budget; no fewer long tasks
            // beyond noise. (Not the loader's own copy of the routes: nazar.js imports no chunk.)
            // Not the admin schemas: only the console imports them, so they go with its chunk.
            { name: 'protocol', test: /packages[\\/]protocol[\\/]src[\\/](?!schemas[\\/]admin|diff\.ts)[^?]*$/ },
          ],
        },
      },
    },
  },
});
