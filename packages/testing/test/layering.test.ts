/**
 * The workspace's import rules live in `lint/dependency-cruiser.cjs` and `npm test` runs them on the
 * tree (the "lint" step). This proves that each rule bites: a throwaway workspace with one broken
 * rule per case is cruised with the same configuration, and exactly that rule must be reported.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const DEPCRUISE = join(ROOT, 'lint', 'node_modules', '.bin', 'depcruise');
const CONFIG = join(ROOT, 'lint', 'dependency-cruiser.cjs');
const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Cruises a workspace made of `files` (path → source) and returns the names of the rules broken. */
async function violations(files: Record<string, string>): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'nazar-layering-'));
  dirs.push(dir);
  const all: Record<string, string> = {
    'tsconfig.json': '{ "compilerOptions": { "module": "ESNext", "moduleResolution": "bundler", "allowImportingTsExtensions": true } }',
    'node_modules/lit/package.json': '{ "name": "lit", "exports": { ".": "./index.js" } }',
    'node_modules/lit/index.js': 'export const html = 1;',
    ...files,
  };
  for (const [path, source] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), source);
  }
  // depcruise exits non-zero when it finds a violation: the JSON report is what counts.
  const stdout = await new Promise<string>((resolve) =>
    execFile(DEPCRUISE, ['-c', CONFIG, '-T', 'json', 'packages'], { cwd: dir, encoding: 'utf8' }, (_error, out, err) => {
      assert.ok(out, `depcruise printed nothing: ${err}`);
      resolve(out);
    }),
  );
  const report = JSON.parse(stdout) as { summary: { violations: { rule: { name: string } }[] } };
  return [...new Set(report.summary.violations.map((v) => v.rule.name))].sort();
}

describe('the workspace import rules (dependency-cruiser)', { concurrency: true }, () => {
  it('pass on a workspace that keeps them', async () => {
    assert.deepEqual(
      await violations({
        'packages/protocol/src/index.ts': 'export const limit = 1;',
        'packages/protocol/src/browser.ts': 'export const limit = 1;',
        'packages/client/src/index.ts': "import { limit } from '../../protocol/src/browser.ts'; export const n = limit;",
        'packages/elements/src/x.ts':
          "import { html } from 'lit'; import { n } from '../../client/src/index.ts'; export const y = [html, n];",
        'packages/elements/src/x.test.ts': "import '../../testing/src/app.ts'; import '../../server/src/app.ts';",
        'packages/server/src/app.ts': "import { limit } from '../../protocol/src/index.ts'; export const app = limit;",
        'packages/testing/src/app.ts': "import { app } from '../../server/src/app.ts'; export const served = app;",
      }),
      [],
    );
  });

  it('report an import cycle, type-only included', async () => {
    assert.deepEqual(
      await violations({
        'packages/server/src/a.ts': "import type { B } from './b.ts'; export type A = B | 1;",
        'packages/server/src/b.ts': "import type { A } from './a.ts'; export type B = A | 2;",
      }),
      ['no-circular'],
    );
  });

  it('report the protocol importing our other code', async () => {
    assert.deepEqual(
      await violations({
        'packages/client/src/index.ts': 'export const n = 1;',
        'packages/protocol/src/index.ts': "import { n } from '../../client/src/index.ts'; export const m = n;",
      }),
      ['protocol-imports-nothing-of-ours'],
    );
  });

  it('report lit in the client', async () => {
    assert.deepEqual(await violations({ 'packages/client/src/index.ts': "import { html } from 'lit'; export const h = html;" }), [
      'client-never-imports-lit',
    ]);
  });

  it("report the server in the elements' production code", async () => {
    assert.deepEqual(
      await violations({
        'packages/server/src/app.ts': 'export const app = 1;',
        'packages/elements/src/x.ts': "import { app } from '../../server/src/app.ts'; export const y = app;",
      }),
      ['elements-never-import-the-server'],
    );
  });

  it('report a widget or the client importing zod or the zod schemas, not the console', async () => {
    assert.deepEqual(
      await violations({
        'packages/protocol/src/index.ts': 'export const Problem = 1;',
        'packages/protocol/src/browser.ts': 'export const Problem = 2;',
        'packages/client/src/http.ts': "import { Problem } from '../../protocol/src/index.ts'; export const p = Problem;",
        'packages/elements/src/quick-poll/quick-poll.ts':
          "import { Problem } from '../../../protocol/src/browser.ts'; export const p = Problem;",
        'packages/elements/src/console/api.ts': "import { Problem } from '../../../protocol/src/index.ts'; export const p = Problem;",
      }),
      ['no-zod-in-a-citizens-browser'],
    );
  });

  it('report production code importing @nazar/testing', async () => {
    assert.deepEqual(
      await violations({
        'packages/testing/src/seeded-random.ts': 'export const seed = 1;',
        'packages/server/src/demo/seed.ts': "import { seed } from '../../../testing/src/seeded-random.ts'; export const s = seed;",
      }),
      ['production-never-imports-testing'],
    );
  });

  it('report an import that does not resolve', async () => {
    assert.deepEqual(await violations({ 'packages/server/src/app.ts': "import { x } from './missing.ts'; export const y = x;" }), [
      'not-to-unresolvable',
    ]);
  });
});
