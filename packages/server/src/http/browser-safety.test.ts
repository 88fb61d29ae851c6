/**
 * The app runs in browsers behind msw with the memory store: the modules it loads must not
 * import Node built-ins or a Node-only store (design.md, Parts).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { it } from 'node:test';

const BROWSER_MODULES = ['http/app.ts', 'store/memory/store.ts', 'store/store.ts', 'demo/seed.ts', 'index.ts'];
const SRC = new URL('../', import.meta.url);

/** Local modules as paths relative to src/ (`http/routes/admin/ops.ts`); packages as `pkg:name`. */
function localImports(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const url = new URL(file, SRC);
  const source = readFileSync(url, 'utf8');
  for (const m of source.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    const spec = m[1] ?? m[2];
    if (spec.startsWith('./') || spec.startsWith('../')) {
      const target = new URL(spec.replace(/\.js$/, '.ts'), url).href;
      assert.ok(target.startsWith(SRC.href), `${file} imports ${spec} from outside src/`);
      localImports(target.slice(SRC.href.length), seen);
    } else seen.add(`pkg:${spec}`);
  }
  return seen;
}

it('the app, the memory store and the seed import no Node built-ins and no SQLite', () => {
  const all = new Set<string>();
  for (const f of BROWSER_MODULES) for (const x of localImports(f)) all.add(x);
  const packages = [...all].filter((x) => x.startsWith('pkg:')).map((x) => x.slice(4));
  const builtins = new Set(builtinModules);
  for (const spec of packages) {
    assert.ok(!spec.startsWith('node:') && !builtins.has(spec), `Node built-in ${spec}`);
    assert.ok(!/sqlite|@hono\/node-server/.test(spec), `Node-only package ${spec}`);
  }
  assert.ok(![...all].some((f) => /^store\/sqlite\/|^store\/postgres\/|^node\/|^config\//.test(f)), [...all].join(', '));
  // The route groups are reached (the walk follows ../ and routes/ imports).
  assert.ok(all.has('http/routes/admin/consultations.ts') && all.has('http/http.ts'), [...all].join(', '));
  for (const f of [...all].filter((x) => x.endsWith('.ts'))) {
    const source = readFileSync(new URL(f, SRC), 'utf8');
    assert.ok(!/\b(process|Buffer|require)\s*[.(]/.test(source), `${f} uses a Node global`);
  }
  const roots = new Set(
    packages.map((p) =>
      p
        .split('/')
        .slice(0, p.startsWith('@') ? 2 : 1)
        .join('/'),
    ),
  );
  assert.deepEqual([...roots].sort(), ['@nazar/protocol', 'hono']);
});
