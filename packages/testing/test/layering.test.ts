/**
 * The house rules of the workspace, checked on every `npm test` by walking the imports of every
 * TypeScript file under packages/ (workspace packages resolved through their `exports`, type-only
 * imports included):
 * - no import cycles;
 * - `@nazar/protocol` imports nothing of ours;
 * - `@nazar/client` never imports lit;
 * - the elements' production code never imports the server;
 * - production code never imports `@nazar/testing`.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, it } from 'node:test';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const PACKAGES = join(ROOT, 'packages');

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name === 'generated') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

const isTest = (file: string) => /\.(test|node-test)\.ts$/.test(file) || file.includes('/test/') || file.startsWith(join(PACKAGES, 'testing'));

/** `@nazar/<name>` subpath → source file, from each package's `exports`. */
const workspaceExports = new Map<string, string>();
const wildcardExports: { prefix: string; dir: string }[] = [];
for (const name of readdirSync(PACKAGES)) {
  const manifest = join(PACKAGES, name, 'package.json');
  if (!existsSync(manifest)) continue;
  const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name: string; exports?: Record<string, string> };
  for (const [sub, target] of Object.entries(pkg.exports ?? {})) {
    const spec = sub === '.' ? pkg.name : `${pkg.name}/${sub.slice(2)}`;
    if (spec.endsWith('*')) wildcardExports.push({ prefix: spec.slice(0, -1), dir: join(PACKAGES, name, dirname(target)) });
    else workspaceExports.set(spec, join(PACKAGES, name, target));
  }
}

function resolve(from: string, spec: string): string | null {
  if (spec.startsWith('.')) {
    const path = normalize(join(dirname(from), spec));
    for (const candidate of [path.replace(/\.js$/, '.ts'), path, `${path}.ts`]) if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
    return null;
  }
  const exact = workspaceExports.get(spec);
  if (exact) return exact;
  const wildcard = wildcardExports.find((w) => spec.startsWith(w.prefix));
  return wildcard ? join(wildcard.dir, `${spec.slice(wildcard.prefix.length)}.ts`) : null;
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]|(?:^|\n)\s*import\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
const files = walk(PACKAGES);
const imports = new Map<string, { spec: string; target: string | null }[]>();
for (const file of files) {
  const source = readFileSync(file, 'utf8');
  imports.set(
    file,
    [...source.matchAll(IMPORT)].map((m) => {
      const spec = (m[1] ?? m[2] ?? m[3])!;
      return { spec, target: resolve(file, spec) };
    }),
  );
}
const rel = (f: string) => relative(ROOT, f);
const inPackage = (file: string, name: string) => file.startsWith(join(PACKAGES, name) + '/');

describe('the workspace house rules', () => {
  it('finds the files and resolves every import of ours', () => {
    assert.ok(files.length > 100, `${files.length} files`);
    // Test files are left out: some carry import statements as data (a served chunk's text).
    const unresolved = [...imports].filter(([file]) => !isTest(file)).flatMap(([file, list]) =>
      list.filter((i) => (i.spec.startsWith('.') || i.spec.startsWith('@nazar/')) && (i.target === null || !existsSync(i.target))).map((i) => `${rel(file)} → ${i.spec}`),
    );
    assert.deepEqual(unresolved, []);
  });

  it('has no import cycles', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const stack: string[] = [];
    const visit = (file: string) => {
      state.set(file, 'visiting');
      stack.push(file);
      for (const { target } of imports.get(file) ?? []) {
        if (!target || !imports.has(target)) continue;
        if (state.get(target) === 'visiting') cycles.push([...stack.slice(stack.indexOf(target)), target].map(rel).join(' → '));
        else if (!state.has(target)) visit(target);
      }
      stack.pop();
      state.set(file, 'done');
    };
    for (const file of files) if (!state.has(file)) visit(file);
    assert.deepEqual(cycles, []);
  });

  it('keeps the protocol free of our other code', () => {
    const bad = files
      .filter((f) => inPackage(f, 'protocol') && !isTest(f))
      .flatMap((f) => imports.get(f)!.filter((i) => i.spec.startsWith('@nazar/') || (i.target !== null && !inPackage(i.target, 'protocol'))).map((i) => `${rel(f)} → ${i.spec}`));
    assert.deepEqual(bad, []);
  });

  it('keeps lit out of the client', () => {
    const bad = files
      .filter((f) => inPackage(f, 'client'))
      .flatMap((f) => imports.get(f)!.filter((i) => /^(lit|lit-html|lit-element|@lit\/)/.test(i.spec)).map((i) => `${rel(f)} → ${i.spec}`));
    assert.deepEqual(bad, []);
  });

  it('keeps the server out of the elements', () => {
    const bad = files
      .filter((f) => inPackage(f, 'elements') && !isTest(f))
      .flatMap((f) => imports.get(f)!.filter((i) => i.spec.startsWith('@nazar/server') || (i.target !== null && inPackage(i.target, 'server'))).map((i) => `${rel(f)} → ${i.spec}`));
    assert.deepEqual(bad, []);
  });

  it('keeps test-only code out of production sources', () => {
    const bad = files
      .filter((f) => !isTest(f))
      .flatMap((f) => imports.get(f)!.filter((i) => i.spec.startsWith('@nazar/testing') || (i.target !== null && inPackage(i.target, 'testing'))).map((i) => `${rel(f)} → ${i.spec}`));
    assert.deepEqual(bad, []);
  });
});
