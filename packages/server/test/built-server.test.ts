/**
 * The built `nazar-server` (packages/server/dist/, made by scripts/build.mjs) on plain Node: no tsx,
 * no TypeScript file on the loader path (test/fixtures/no-typescript.mjs refuses any), nothing but
 * JavaScript from the packages' "node" conditions. The rest of the suite runs the sources.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, describe, it } from 'node:test';
import { makeTempDir } from './support.js';

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(PACKAGE_DIR, 'bin', 'nazar-server.mjs');
const NO_TYPESCRIPT = join(PACKAGE_DIR, 'test', 'fixtures', 'no-typescript.mjs');
/** What `changeset version` wrote; /healthz must say the same (SERVER_VERSION in src/http/app.ts). */
const { version } = JSON.parse(readFileSync(join(PACKAGE_DIR, 'package.json'), 'utf8')) as { version: string };

/** This process's environment without anything that would put a loader or condition on the child. */
function plainEnv(extra: Record<string, string> = {}): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env, ...extra };
  delete env.NODE_OPTIONS;
  return env;
}

function runBuilt(args: string[], nodeArgs: string[] = []) {
  return spawnSync(process.execPath, ['--import', NO_TYPESCRIPT, ...nodeArgs, BIN, ...args], {
    cwd: PACKAGE_DIR,
    env: plainEnv(),
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('the built nazar-server', () => {
  before(() => {
    const build = spawnSync(process.execPath, [join(PACKAGE_DIR, 'scripts', 'build.mjs')], { encoding: 'utf8', timeout: 120_000 });
    assert.equal(build.status, 0, `${build.stdout}\n${build.stderr}`);
  });

  it('prints its usage and a command’s help from dist/', () => {
    const top = runBuilt(['--help']);
    assert.equal(top.status, 0, top.stderr);
    assert.match(top.stdout, /^Usage: nazar-server <command> \[options\]/);
    const migrate = runBuilt(['migrate', '--help']);
    assert.equal(migrate.status, 0, migrate.stderr);
    assert.match(migrate.stdout, /^Usage: nazar-server migrate \[--database URL\]/);
    const bad = runBuilt(['export', 'votes', '--format']);
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /^nazar-server export: --format needs a value\n/);
  });

  it('the check bites: the same command on the sources is refused', () => {
    const onSources = runBuilt(['migrate', '--help'], ['--conditions=source']);
    assert.notEqual(onSources.status, 0);
    assert.match(onSources.stderr, /no-typescript: #cli resolved to .*\/src\/node\/cli\.ts/);
  });

  it('starts on a free port with SQLite, answers /healthz and the API, and stops on SIGTERM', { timeout: 60_000 }, async () => {
    const tmp = makeTempDir('nazar-built-');
    try {
      const child = spawn(process.execPath, ['--import', NO_TYPESCRIPT, BIN, 'start'], {
        cwd: PACKAGE_DIR,
        env: plainEnv({ NAZAR_PORT: '0', NAZAR_DATABASE_URL: `sqlite:${join(tmp.dir, 'nazar.db')}` }),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      let output = '';
      child.stderr.on('data', (c: Buffer) => (output += c.toString()));
      const base = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (c: Buffer) => {
          output += c.toString();
          const url = /nazar listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
          if (url) resolve(url);
        });
        child.on('exit', (code) => reject(new Error(`exited ${code} before listening:\n${output}`)));
      });
      try {
        const health = await fetch(`${base}/healthz`);
        assert.equal(health.status, 200);
        assert.deepEqual(await health.json(), { status: 'ok', version }, 'the package.json version');
        const ready = await fetch(`${base}/readyz`);
        assert.equal(ready.status, 200, 'the SQLite store (a native module) answers');
        const services = await fetch(`${base}/v1/services/ngo-permit`);
        assert.equal(services.status, 200, 'a seeded service, through the protocol built to dist/');
      } finally {
        child.kill('SIGTERM');
      }
      assert.equal(await exited, 0, output);
      assert.doesNotMatch(output, /no-typescript:/);
    } finally {
      tmp.dispose();
    }
  });
});
