// The size budgets (bench/size-budgets.ts), measured on the build `npm test` just made: the loader
// alone, and every JS file a county page with each widget loads in Chromium, gzip -9.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { gz, pageWeight } from '../bench/page-weight.js';
import { LOADER_BUDGET, PAGE_BUDGETS } from '../bench/size-budgets.js';

const dist = join(import.meta.dirname, '..', 'packages/elements/dist/cdn');
const kb = (n: number) => `${(n / 1024).toFixed(2)} KB`;

describe('size budgets (gzip -9, everything the page loads)', () => {
  it(`the loader, nazar.js, is at most ${kb(LOADER_BUDGET)} and imports no chunk`, () => {
    const loader = readFileSync(join(dist, 'nazar.js'));
    assert.ok(gz(loader) <= LOADER_BUDGET, `nazar.js is ${kb(gz(loader))}`);
    assert.doesNotMatch(loader.toString(), /from"\.\/chunks\//);
  });

  for (const [page, budget] of Object.entries(PAGE_BUDGETS)) {
    it(`a page with ${page}: at most ${kb(budget.check)} (aim ${kb(budget.aim)}), and no zod`, async () => {
      const { files, total } = await pageWeight(budget.body, budget.ready);
      const list = files.map((f) => `${f.name} ${kb(f.gzip)}`).join(', ');
      assert.ok(total <= budget.check, `${kb(total)} over ${kb(budget.check)}: ${list}`);
      for (const f of files) assert.doesNotMatch(readFileSync(join(dist, f.name)).toString(), /\._zod\b/, `${f.name} carries zod`);
      // Each page loads only its own widgets' code, and never the officials' console or its strings.
      for (const f of files) assert.doesNotMatch(f.name, /console/, `${page} loaded ${f.name}`);
      const own = budget.ready.split(',');
      for (const f of files) {
        const widget = /\/chunks\/(service-feedback|draft-consultation|quick-poll)-/.exec(f.name)?.[1];
        if (widget) assert.ok(own.includes(widget), `${page} loaded ${f.name}`);
      }
    });
  }
});
