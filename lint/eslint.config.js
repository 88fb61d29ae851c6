// The workspace's ESLint (flat config), run from the root by `npm test`:
//   lint/node_modules/.bin/eslint -c lint/eslint.config.js .
// typescript-eslint's type-checked rules need TypeScript below 6.1, while the workspace compiles with 7,
// so this package carries its own TypeScript through an alias (`"typescript": "npm:typescript@5.9.3"`
// in lint/package.json); typescript-eslint resolves its peer from here, never the workspace's 7.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import lit from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const root = dirname(dirname(fileURLToPath(import.meta.url)));

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'packages/elements/lib/**',
      'data/**',
      '.tools/**',
      '.bench-tmp/**',
      'test-results/**',
      'packages/elements/src/generated/**',
      'packages/elements/src/console/generated/**',
      // Generated from custom-elements.json (packages/elements/scripts/manifest.ts)
      'packages/elements/types/*.d.ts',
      'bench/*.tmp.ts',
    ],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,
  {
    // `let id; const seen = waitFor(() => id); id = await send()`: a closure reads it before it is set.
    rules: { 'prefer-const': ['error', { ignoreReadBeforeAssign: true }] },
  },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: root },
    },
    rules: {
      // `_name` marks a parameter kept for its position (a callback's signature, an interface's method).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Fire-and-forget is how the Outbox wakes itself (flush on `online`, on `visibilitychange`);
      // a floating promise must be marked with `void` so it is a decision, not an accident.
      // node:test's `describe`/`it` return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          ignoreVoid: true,
          allowForKnownSafeCalls: [
            {
              from: 'package',
              package: 'node:test',
              name: ['describe', 'it', 'test', 'suite', 'before', 'after', 'beforeEach', 'afterEach'],
            },
          ],
        },
      ],
      // An async method that implements a Promise-returning interface (the stores, the item store)
      // without awaiting anything is still right: `async` keeps a throw a rejection, as callers expect.
      '@typescript-eslint/require-await': 'off',
      // A caught `unknown` is passed on as it came; everything else rejects with an Error.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true, allowThrowingAny: true }],
      // Event listeners and lit's lifecycle take async functions whose promise nobody awaits by design.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
    },
  },
  {
    files: ['packages/elements/src/**/*.ts'],
    extends: [lit.configs['flat/recommended'], wc.configs['flat/recommended']],
    plugins: { 'lit-a11y': litA11y },
    rules: {
      ...litA11y.configs.recommended.rules,
      // User text is rendered as text, never as HTML (design.md, Standards).
      'lit/no-template-bind': 'error',
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'lit/directives/unsafe-html.js', message: 'User text is rendered as text, never as HTML.' },
            { name: 'lit/directives/unsafe-svg.js', message: 'User text is rendered as text, never as SVG.' },
            { name: 'lit/static-html.js', importNames: ['unsafeStatic'], message: 'Tags are static; never build them from data.' },
          ],
        },
      ],
      // lit calls a template's event listeners with the element as `this` (`@click=${this.onClick}`).
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // The stores are objects of closures (`{ async getPoll(slug) { … } }`): their methods never use
    // `this`, so taking them apart (`const { trackedComment, ...methods } = consultations`) is safe.
    files: ['packages/server/src/store/**/*.ts', 'packages/server/test/**/*.ts'],
    rules: { '@typescript-eslint/unbound-method': 'off' },
  },
  {
    // Tests read untyped JSON answers (`await response.json()`) and assert their shape: a wrong
    // shape fails the assertion, which is the check these rules would otherwise ask for.
    files: ['**/*.test.ts', '**/*.node-test.ts', 'packages/*/test/**', 'packages/testing/**', 'e2e/**', 'bench/**', 'packages/*/bench/**'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  {
    files: ['packages/elements/public/nazar-intl.js'],
    // An AudioWorklet module: its globals are the worklet scope's.
    languageOptions: { globals: { ...globals.audioWorklet } },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
