// The npm packages as an integrator gets them: @nazar/protocol, @nazar/client and @nazar/elements
// are built (tsc: JavaScript and declarations, lit left external), packed with `pnpm pack` (which
// applies each package's `publishConfig.exports`: the built files, not the TypeScript sources),
// checked with publint and @arethetypeswrong/cli, installed from the tarballs into a scratch
// project (offline, from the store the workspace install filled), and imported there: in Node,
// and type-checked by a consumer's tsc with NodeNext resolution.
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

const root = join(import.meta.dirname, '..', '..', '..');
const PACKAGES = ['protocol', 'client', 'elements'] as const;
const pnpm = (() => {
  const local = join(root, '.tools', 'node_modules', '.bin', 'pnpm');
  return spawnSync(local, ['--version']).status === 0 ? local : 'pnpm';
})();
const bin = (path: string) => join(root, 'node_modules', path);

function run(cmd: string, args: string[], options: SpawnSyncOptions = {}): string {
  const result = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  const out = `${String(result.stdout)}${String(result.stderr)}`;
  assert.equal(result.status, 0, `${cmd} ${args.join(' ')} failed:\n${out}`);
  return out;
}

let work: string;
const tarball = (name: string) => join(work, `nazar-${name}-0.1.0.tgz`);

before(() => {
  work = mkdtempSync(join(tmpdir(), 'nazar-packages-'));
  const tsc = bin('typescript/bin/tsc');
  // The protocol's dist/ is the built server's too: its own build (skipped when fresh) makes it.
  run(process.execPath, [join(root, 'packages/server/scripts/build.mjs')]);
  for (const name of PACKAGES) {
    const dir = join(root, 'packages', name);
    if (name !== 'protocol') {
      rmSync(join(dir, name === 'elements' ? 'lib' : 'dist'), { recursive: true, force: true });
      run(process.execPath, [tsc, '-p', join(dir, 'tsconfig.build.json')], { cwd: dir });
    }
    run(pnpm, ['pack', '--pack-destination', work], { cwd: dir });
  }
});

after(() => rmSync(work, { recursive: true, force: true }));

describe('the npm packages, packed and installed', () => {
  for (const name of PACKAGES) {
    it(`@nazar/${name}: publint and arethetypeswrong find nothing; exports point at built files`, () => {
      const unpacked = join(work, `unpacked-${name}`);
      run('mkdir', ['-p', unpacked]);
      run('tar', ['xzf', tarball(name), '-C', unpacked]);
      const pkg = join(unpacked, 'package');
      const manifest = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as {
        exports: Record<string, string | { types: string; default: string }>;
        license: string;
        dependencies: Record<string, string>;
        customElements?: string;
      };
      assert.equal(manifest.license, 'MIT');
      for (const [key, target] of Object.entries(manifest.exports)) {
        if (typeof target == 'string') {
          // A data file (package.json, custom-elements.json): shipped as is.
          assert.ok(existsSync(join(pkg, target)), `${key} -> ${target} is not in the tarball`);
          continue;
        }
        assert.match(target.default, /\.js$/, `${key} must point at JavaScript`);
        assert.match(target.types, /\.d\.ts$/, `${key} must have types`);
      }
      if (name === 'elements') {
        // What editors and tools look for: the manifest (named by the customElements field) and VS Code's data.
        assert.equal(manifest.customElements, 'custom-elements.json');
        const cem = JSON.parse(readFileSync(join(pkg, 'custom-elements.json'), 'utf8')) as {
          modules: { declarations?: { tagName?: string }[] }[];
        };
        const tags = cem.modules.flatMap((m) => (m.declarations ?? []).map((d) => d.tagName)).filter(Boolean);
        for (const tag of ['service-feedback', 'draft-consultation', 'quick-poll']) assert.ok(tags.includes(tag), `${tag} in the manifest`);
        const html = JSON.parse(readFileSync(join(pkg, 'vscode.html-custom-data.json'), 'utf8')) as { tags: { name: string }[] };
        assert.ok(html.tags.some((t) => t.name === 'service-feedback'));
        assert.ok(existsSync(join(pkg, 'vscode.css-custom-data.json')));
        assert.ok(!existsSync(join(pkg, 'types', 'test')), 'the type tests stay out of the package');
      }
      for (const range of Object.values(manifest.dependencies)) assert.doesNotMatch(range, /workspace:/);
      assert.match(run(process.execPath, [bin('publint/src/cli.js'), join(unpacked, 'package'), '--strict']), /All good!/);
      // ESM only, on purpose: no CommonJS build (node10 and require() resolution are not offered).
      run(process.execPath, [bin('@arethetypeswrong/cli/dist/index.js'), tarball(name), '--profile', 'esm-only', '--format', 'ascii']);
    });
  }

  it('installs from the tarballs and imports: in Node, and in a consumer TypeScript project', () => {
    const scratch = join(work, 'scratch');
    run('mkdir', ['-p', scratch]);
    // React and its types at the workspace's versions (in the store already: the install stays offline).
    const ours = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    const deps = {
      ...Object.fromEntries(PACKAGES.map((n) => [`@nazar/${n}`, `file:${tarball(n)}`])),
      react: ours.devDependencies.react,
      '@types/react': ours.devDependencies['@types/react'],
    };
    writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module', dependencies: deps }));
    // The elements' tarball depends on @nazar/client and @nazar/protocol 0.1.0: take them from the tarballs too.
    writeFileSync(
      join(scratch, 'pnpm-workspace.yaml'),
      `overrides:\n${PACKAGES.map((n) => `  '@nazar/${n}': file:${tarball(n)}`).join('\n')}\n`,
    );
    run(pnpm, ['install', '--offline', '--ignore-scripts'], { cwd: scratch });

    const probe = `
      const protocol = await import('@nazar/protocol');
      const browser = await import('@nazar/protocol/browser');
      const client = await import('@nazar/client');
      await import('@nazar/elements/service-feedback');
      const defined = ['service-feedback', 'draft-consultation', 'quick-poll'].filter((t) => customElements.get(t));
      console.log(JSON.stringify({
        zod: typeof protocol.FeedbackSubmission.safeParse,
        check: browser.checkFeedback({ rating: 9 }),
        outbox: typeof client.createOutbox,
        defined,
      }));`;
    const seen = JSON.parse(run(process.execPath, ['--input-type=module', '-e', probe], { cwd: scratch }).trim().split('\n').pop()!) as {
      zod: string;
      check: unknown;
      outbox: string;
      defined: string[];
    };
    assert.equal(seen.zod, 'function');
    assert.deepEqual(seen.check, [{ field: 'rating', code: 'out-of-range', limit: 5 }]);
    assert.equal(seen.outbox, 'function');
    // lit's Node build shims the DOM; one element's define file registers that element only.
    assert.deepEqual(seen.defined, ['service-feedback']);

    writeFileSync(
      join(scratch, 'consumer.ts'),
      `import { ServiceFeedback, type NazarDeliveredDetail } from '@nazar/elements';
import { checkFeedback, type FieldError } from '@nazar/protocol/browser';
import { createOutbox } from '@nazar/client';
export const errors: FieldError[] = checkFeedback({ rating: 3 });
export const tag: string = ServiceFeedback.name;
export { createOutbox };
export type Delivered = NazarDeliveredDetail;
// @ts-expect-error: the protocol's field errors are typed
export const wrong: FieldError = { field: 'x', code: 'no-such-code' };
`,
    );
    // The framework types, as an app takes them: React 19's JSX knows the elements, their props and events.
    writeFileSync(
      join(scratch, 'consumer-react.tsx'),
      `import type {} from '@nazar/elements/react';
export const ok = <service-feedback service="birth-certificate" summary onnazar-delivered={(e) => e.detail.trackingCode.length} />;
// @ts-expect-error: the delivered event's detail has no such field
export const wrong = <service-feedback service="x" onnazar-delivered={(e) => e.detail.nope} />;
`,
    );
    writeFileSync(
      join(scratch, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          lib: ['ES2022', 'DOM', 'DOM.Iterable'],
          types: [],
          jsx: 'react-jsx',
        },
        files: ['consumer.ts', 'consumer-react.tsx'],
      }),
    );
    run(process.execPath, [bin('typescript/bin/tsc'), '-p', join(scratch, 'tsconfig.json')], { cwd: scratch });
  });
});
