// Browser tests for packages/client and packages/elements (web-test-runner, mocha BDD globals).
//   npx web-test-runner --static-logging                 all browser tests, Chromium + Firefox ESR
//   WTR_FILES='packages/client/src/**/*.test.ts' npx web-test-runner --static-logging
//   WTR_FIREFOX=0 ...                                    Chromium only
// Working setup from /work/shared/research/toolchain.md §2–4.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { build } from 'esbuild';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { puppeteerLauncher } from '@web/test-runner-puppeteer';

const require = createRequire(import.meta.url);
const mswWorkerPath = require.resolve('msw/mockServiceWorker.js');
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];
const CDN_PREFIX = '/packages/elements/dist/cdn/';
const CDN_DIR = resolve('packages/elements/dist/cdn') + '/';
const wantFirefox = process.env.WTR_FIREFOX !== '0';

/**
 * React 19 ships CommonJS only, and Vue's module build expects a bundler to replace
 * `process.env.NODE_ENV` and its feature flags: neither runs in a browser as served. The framework
 * tests (packages/elements/src/frameworks/) import them by name; each group is bundled once with
 * esbuild into one ES module (development builds, so React and Vue warn as in a developer's app),
 * and each name is re-exported from it with the named exports the package has in Node.
 */
function bundledPackages(groups) {
  const bundles = new Map();
  const groupOf = (name) => groups.findIndex((g) => g.includes(name));
  const bundle = (i) => {
    if (!bundles.has(i)) {
      const contents = groups[i].map((name, j) => `export * as m${j} from '${name}';`).join('\n');
      bundles.set(
        i,
        build({
          stdin: { contents, resolveDir: process.cwd(), loader: 'js' },
          bundle: true,
          format: 'esm',
          write: false,
          logLevel: 'silent',
          define: {
            'process.env.NODE_ENV': '"development"',
            __VUE_OPTIONS_API__: 'true',
            __VUE_PROD_DEVTOOLS__: 'false',
            __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
          },
        }).then((r) => r.outputFiles[0].text),
      );
    }
    return bundles.get(i);
  };
  return {
    name: 'bundled-packages',
    resolveImport({ source }) {
      if (groupOf(source) >= 0) return `/__bundled__/${source}.js`;
    },
    async serve(context) {
      const m = /^\/__bundled__\/(.+)\.js$/.exec(context.path);
      if (!m) return;
      const group = /^group-(\d+)$/.exec(m[1]);
      if (group) return { body: await bundle(Number(group[1])), type: 'js' };
      const i = groupOf(m[1]);
      if (i < 0) return;
      // The package's export names, read in a Node of their own (React, loaded here, would write to
      // web-test-runner's console).
      const keys = execFileSync(process.execPath, ['-e', `console.log(JSON.stringify(Object.keys(require(${JSON.stringify(m[1])}))))`], {
        encoding: 'utf8',
      });
      const names = JSON.parse(keys).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n) && n !== 'default');
      const ns = `m${groups[i].indexOf(m[1])}`;
      const body = `import { ${ns} as ns } from '/__bundled__/group-${i}.js';\nexport default ns.default ?? ns;\nexport const { ${names.join(', ')} } = ns;\n`;
      return { body, type: 'js' };
    },
  };
}

export default {
  rootDir: '.',
  files: process.env.WTR_FILES ?? 'packages/{client,elements}/src/**/*.test.ts',
  // REQUIRED for msw: without the 'browser' condition @mswjs/interceptors resolves to its node
  // build and the page fails on `import 'node:http'`. ('development' puts lit in dev mode.)
  nodeResolve: { exportConditions: ['browser', 'development'], browser: true },
  // experimentalDecorators / useDefineForClassFields:false come from the base tsconfig (lit).
  plugins: [
    bundledPackages([['react', 'react-dom', 'react-dom/client'], ['vue']]),
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.base.json' }),
  ],
  middleware: [
    function mswServiceWorker(ctx, next) {
      // msw's worker at the origin root (scope '/')
      if (ctx.path === '/mockServiceWorker.js') {
        ctx.type = 'application/javascript';
        ctx.set('Service-Worker-Allowed', '/');
        ctx.body = readFileSync(mswWorkerPath, 'utf8');
        return;
      }
      return next();
    },
    function cdnFolderAsBuilt(ctx, next) {
      // The CDN build as a county would host it: byte for byte, so the integrity hashes in its
      // manifest hold (the dev server's own transforms would rewrite every file it serves).
      if (!ctx.path.startsWith(CDN_PREFIX)) return next();
      const file = join(CDN_DIR, ctx.path.slice(CDN_PREFIX.length));
      if (!file.startsWith(CDN_DIR) || !existsSync(file)) return next();
      ctx.type = extname(file);
      ctx.body = readFileSync(file);
    },
  ],
  browsers: [
    playwrightLauncher({ product: 'chromium', launchOptions: { executablePath: '/usr/bin/chromium', headless: true, args: chromiumArgs } }),
    ...(wantFirefox
      ? [
          puppeteerLauncher({
            launchOptions: { browser: 'firefox', executablePath: '/usr/bin/firefox-esr', headless: true },
            // web-test-runner sets an 800×600 viewport on every page; puppeteer also sends a screen
            // orientation, a WebDriver BiDi command Firefox ESR 140 (Debian 12's) does not know.
            // The viewport itself is applied; only that unknown command is let go.
            createPage: async ({ browser }) => {
              const page = await browser.newPage();
              const setViewport = page.setViewport.bind(page);
              page.setViewport = async (viewport) => {
                try {
                  await setViewport(viewport);
                } catch (error) {
                  if (!String(error?.message).includes('setScreenOrientationOverride')) throw error;
                }
              };
              return page;
            },
          }),
        ]
      : []),
  ],
  concurrentBrowsers: 2,
  concurrency: Number(process.env.WTR_CONCURRENCY ?? 1),
  // One retry: a file's tests share one page, where an earlier test's timers can still be running
  // on a loaded 2-core machine. A test that fails twice fails the run; the report shows retries.
  testFramework: { config: { ui: 'bdd', timeout: 10_000, retries: 1 } },
  testsStartTimeout: 60_000,
  testsFinishTimeout: 120_000,
  browserStartTimeout: 60_000,
};
