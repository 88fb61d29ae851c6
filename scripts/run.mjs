#!/usr/bin/env node
// The README's commands land here: `npm start`, `npm test`, `npm run build`, `npm run bench`.
// On a fresh machine with only Node 20.19+ this brings what the project needs by itself: pnpm at the
// pinned version (from the npm registry into ./.tools when no matching global pnpm exists), the
// workspace's dependencies, and for the tests Debian's chromium and firefox-esr.
// Plain Node only: nothing here may import a dependency, since it runs before they exist.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const PNPM_VERSION = pkg.packageManager.split('@')[1];
const BROWSERS = [
  { bin: '/usr/bin/chromium', apt: 'chromium' },
  { bin: '/usr/bin/firefox-esr', apt: 'firefox-esr' },
];
// Installs must never download browsers (none can be fetched here; Debian's are used) and
// better-sqlite3 compiles against the system's Node headers (toolchain.md §7).
const INSTALL_ENV = {
  ...process.env,
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
  PUPPETEER_SKIP_DOWNLOAD: '1',
  npm_config_nodedir: process.env.npm_config_nodedir || (existsSync('/usr/include/node/node.h') ? '/usr' : ''),
};

const log = (line) => console.log(`[nazar] ${line}`);

// vite 8 and its bundler need Node 20.19 or newer: say so plainly, before anything is installed.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`[nazar] Node ${process.versions.node} is too old: Nazar needs Node 20.19 or newer (vite 8 does).`);
  process.exit(1);
}

function fail(message) {
  console.error(`[nazar] ${message}`);
  process.exit(1);
}

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.error) fail(`${cmd} could not start: ${result.error.message}`);
  return result.status ?? 1;
}

function must(cmd, args, options) {
  const status = run(cmd, args, options);
  if (status !== 0) fail(`${[cmd, ...args].join(' ')} failed (exit ${status})`);
}

/** A pnpm binary of exactly the pinned version: pnpm 12 refuses to run under another one. */
function pnpmBinary() {
  const global = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  if (global.status === 0 && global.stdout.trim() === PNPM_VERSION) return 'pnpm';
  const local = join(root, '.tools', 'node_modules', '.bin', 'pnpm');
  const localVersion = existsSync(local) ? spawnSync(local, ['--version'], { encoding: 'utf8' }).stdout?.trim() : '';
  if (localVersion !== PNPM_VERSION) {
    log(`installing pnpm ${PNPM_VERSION} into .tools/`);
    mkdirSync(join(root, '.tools'), { recursive: true });
    // pnpm 12 is a native binary in an optional dependency; its install script is not needed.
    writeFileSync(join(root, '.tools', 'package.json'), '{ "private": true, "allowScripts": { "pnpm": true } }\n');
    must('npm', ['install', '--prefix', join(root, '.tools'), '--no-audit', '--no-fund', '--no-save', `pnpm@${PNPM_VERSION}`]);
  }
  return local;
}

/** Installs the workspace when the lockfile changed since the last install. */
function ensureDependencies(pnpm) {
  const stampFile = join(root, 'node_modules', '.nazar-install');
  const wanted = createHash('sha256')
    .update(readFileSync(join(root, 'pnpm-lock.yaml')))
    .update(process.version)
    .digest('hex');
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === wanted) return;
  log('installing dependencies (the first time takes about a minute: better-sqlite3 compiles)');
  must(pnpm, ['install', '--frozen-lockfile'], { env: INSTALL_ENV });
  writeFileSync(stampFile, wanted);
}

function ensureBrowsers() {
  const missing = BROWSERS.filter((b) => !existsSync(b.bin));
  if (!missing.length) return;
  const names = missing.map((b) => b.apt).join(' ');
  if (process.getuid?.() !== 0)
    fail(`the browser tests need Debian's ${names}: run  sudo apt-get install -y ${names}  and then npm test again`);
  log(`installing ${names} with apt-get`);
  must('apt-get', ['update', '-qq'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  must('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing.map((b) => b.apt)], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

/** The widgets' bundle (vite), then the server as JavaScript (tsc; only when its sources changed). */
function build() {
  must(process.execPath, ['packages/elements/scripts/build-locales.mjs']);
  must(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn']);
  must(process.execPath, ['packages/server/scripts/build.mjs']);
}

/** The built server (`nazar-server start`: packages/server/dist/, plain Node, no TypeScript loader). */
function startServer() {
  const child = spawn(process.execPath, ['packages/server/bin/nazar-server.mjs', 'start'], { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

/** Runs one test step, echoing its output and collecting the pass/fail counts it prints. */
function testStep(name, cmd, args, env = {}) {
  log(`— ${name}`);
  const result = spawnSync(cmd, args, {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 256 * 1024 * 1024,
  });
  process.stdout.write(result.stdout ?? '');
  process.stderr.write(result.stderr ?? '');
  const out = `${result.stdout}\n${result.stderr}`;
  let passed = 0;
  let failed = 0;
  // node's test runner closes with "# pass N" / "# fail N"; web-test-runner prints "N passed, N failed".
  for (const m of out.matchAll(/^# pass (\d+)$/gm)) passed += Number(m[1]);
  for (const m of out.matchAll(/^# fail (\d+)$/gm)) failed += Number(m[1]);
  // web-test-runner repeats its per-browser progress line; the last one per browser is final.
  const browsers = new Map();
  for (const m of out.matchAll(/^(\w+):\s+\|.*\| (\d+) passed, (\d+) failed/gm)) browsers.set(m[1], [Number(m[2]), Number(m[3])]);
  for (const [p, f] of browsers.values()) {
    passed += p;
    failed += f;
  }
  const ok = result.status === 0;
  return { name, ok, passed, failed: ok ? failed : Math.max(failed, 1) };
}

function test() {
  ensureBrowsers();
  build();
  const tsx = ['--conditions=source', '--import', 'tsx', '--test', '--test-reporter=tap'];
  const files = (dir) =>
    spawnSync('bash', ['-O', 'globstar', '-c', `ls ${dir}/**/*.test.ts 2>/dev/null`], { cwd: root, encoding: 'utf8' })
      .stdout.split('\n')
      .filter(Boolean);
  // Node-only tests of browser packages (e.g. the Outbox model against a simulated network).
  const nodeTests = (dir) =>
    readdirSync(join(root, dir))
      .filter((f) => f.endsWith('.node-test.ts'))
      .map((f) => `${dir}/${f}`);
  const wtr = join(root, 'node_modules', '@web', 'test-runner', 'dist', 'bin.js');
  const lint = (bin) => join(root, 'lint', 'node_modules', bin);
  const steps = [
    // The import rules (no cycles; protocol → nothing of ours; no lit in the client; no server in the
    // elements; no @nazar/testing in production code): lint/dependency-cruiser.cjs.
    testStep('import rules (dependency-cruiser)', process.execPath, [
      lint('dependency-cruiser/bin/dependency-cruise.mjs'),
      '-c',
      'lint/dependency-cruiser.cjs',
      'packages',
      'e2e',
      'bench',
    ]),
    // ESLint type-checks with lint/'s own TypeScript 5.9 (docs/contributing.md says why); after the
    // build, since the elements import their generated locale modules.
    testStep('ESLint', process.execPath, [
      lint('eslint/bin/eslint.js'),
      '-c',
      'lint/eslint.config.js',
      '--cache',
      '--cache-location',
      'node_modules/.cache/eslint/',
      '--max-warnings',
      '0',
      '.',
    ]),
    testStep('format (Prettier)', process.execPath, [lint('prettier/bin/prettier.cjs'), '--check', '--log-level', 'warn', '.']),
    testStep('typecheck', process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json']),
    testStep('protocol, server and the Outbox model (node:test; memory, SQLite, PostgreSQL)', process.execPath, [
      ...tsx,
      '--test-concurrency=3',
      ...files('packages/protocol/src'),
      ...files('packages/server/src'),
      ...files('packages/server/test'),
      ...files('packages/testing/test'),
      ...nodeTests('packages/client/src/outbox'),
    ]),
    testStep('client and elements (web-test-runner: Chromium, Firefox ESR)', process.execPath, [wtr, '--static-logging']),
    testStep('end to end (Chromium with Playwright, Firefox ESR with puppeteer, against npm start)', process.execPath, [
      ...tsx,
      '--test-concurrency=1',
      ...files('e2e'),
    ]),
  ];
  const passed = steps.reduce((n, s) => n + s.passed, 0);
  const failed = steps.reduce((n, s) => n + s.failed, 0);
  console.log('');
  for (const s of steps) log(`${s.ok ? 'ok  ' : 'FAIL'} ${s.name}: ${s.passed} passed, ${s.failed} failed`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(steps.every((s) => s.ok) ? 0 : 1);
}

const command = process.argv[2];
const pnpm = pnpmBinary();
ensureDependencies(pnpm);
switch (command) {
  case 'start':
    build();
    startServer();
    break;
  case 'build':
    build();
    break;
  case 'test':
    test();
    break;
  case 'bench':
    build();
    must(process.execPath, ['--conditions=source', '--import', 'tsx', 'bench/run.ts']);
    break;
  default:
    fail(`unknown command ${command}; use start, test, build or bench`);
}
