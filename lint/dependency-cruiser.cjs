// The workspace's import rules, checked on every `npm test`:
//   lint/node_modules/.bin/depcruise -c lint/dependency-cruiser.cjs packages e2e bench
// Type-only imports count (tsPreCompilationDeps): a cycle through types is still a cycle a reader
// has to hold in their head. Workspace packages resolve through their symlinks to packages/<name>/src.
const TEST = '(\\.(test|node-test)\\.ts$|/test/|^packages/testing/|^e2e/|^bench/)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycles, type-only ones included.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'protocol-imports-nothing-of-ours',
      severity: 'error',
      comment: 'The wire contract is the bottom layer: server and client import it, never the other way.',
      from: { path: '^packages/protocol/src', pathNot: TEST },
      to: { path: '^packages/(client|elements|server|testing)/' },
    },
    {
      name: 'client-never-imports-lit',
      severity: 'error',
      comment: 'The client (HTTP, Outbox) works without a UI library; lit belongs to the elements.',
      from: { path: '^packages/client/' },
      to: { path: 'node_modules/(lit|lit-html|lit-element|@lit/[^/]+)/' },
    },
    {
      name: 'no-zod-in-a-citizens-browser',
      severity: 'error',
      comment:
        "The widgets and the client check the contract with @nazar/protocol/browser's shapes (proven equal to the zod schemas): zod costs a widget page 8.7 KB gzip. Only the officials' console may use zod.",
      from: {
        path: '^packages/(client/src|elements/src|protocol/src/(browser|vocabulary|problem|check/(?!equivalence))[^/]*)',
        pathNot: `${TEST}|^packages/elements/src/console/`,
      },
      to: { path: '(node_modules/zod/|^packages/protocol/src/(index|schemas/))' },
    },
    {
      name: 'elements-never-import-the-server',
      severity: 'error',
      comment: "The server's code must never reach a citizen's browser (tests use it through @nazar/testing).",
      from: { path: '^packages/elements/', pathNot: TEST },
      to: { path: '^packages/server/' },
    },
    {
      name: 'production-never-imports-testing',
      severity: 'error',
      comment: 'Test-only code (simulators, test servers, the PostgreSQL test cluster) never ships.',
      from: { path: '^packages/', pathNot: TEST },
      to: { path: '^packages/testing/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'Every import resolves (a typo in a path is caught here, before the bundler).',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|generated|lib)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      // 'source': the workspace's own packages resolve to their TypeScript, not to a build in dist/
      // (packages/protocol and packages/server map it first in their "exports").
      conditionNames: ['source', 'import', 'require', 'node', 'default', 'types'],
      // .d.ts: packages/elements/types/, generated from custom-elements.json.
      extensions: ['.ts', '.d.ts', '.js', '.mjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
