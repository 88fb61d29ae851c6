#!/usr/bin/env node
// Builds @nazar/protocol and @nazar/server to JavaScript with declarations (packages/*/dist/) with
// tsc, protocol first: the server's build imports the protocol's types from its dist/. Skips the
// work when nothing that goes into the build changed since the last one (a hash of the inputs is
// kept in packages/server/dist/.build-hash); `--force` builds anyway.
//
//   node packages/server/scripts/build.mjs [--force]
//
// Plain Node, no dependency but TypeScript: scripts/run.mjs runs it for `npm start`, `npm run
// build` and `npm test`, and the test of the built `nazar-server` runs it before it starts one.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const packagesDir = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
const root = dirname(packagesDir);
/** In build order. */
const PACKAGES = ['protocol', 'server'].map((name) => join(packagesDir, name));
const HASH_FILE = join(packagesDir, 'server', 'dist', '.build-hash');

function sourceFiles(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...sourceFiles(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) found.push(path);
  }
  return found;
}

/** What the build reads: each package's sources (not its tests), package.json and tsconfigs. */
function inputsHash() {
  const hash = createHash('sha256').update(process.version);
  const files = [join(root, 'tsconfig.base.json')];
  for (const dir of PACKAGES)
    files.push(join(dir, 'package.json'), join(dir, 'tsconfig.build.json'), ...sourceFiles(join(dir, 'src')).sort());
  for (const file of files) hash.update(`\0${relative(root, file)}\0`).update(readFileSync(file));
  return hash.digest('hex');
}

function isFresh(wanted) {
  return (
    existsSync(HASH_FILE) &&
    readFileSync(HASH_FILE, 'utf8') === wanted &&
    PACKAGES.every((dir) => existsSync(join(dir, 'dist', 'index.js')))
  );
}

/**
 * Builds when the inputs changed or a dist/ is missing. Returns true when it built. Throws when
 * tsc fails (its diagnostics are on stderr).
 */
export function buildServer({ force = false, quiet = false } = {}) {
  const wanted = inputsHash();
  if (!force && isFresh(wanted)) return false;
  const tsc = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
  const started = Date.now();
  for (const dir of PACKAGES) {
    // A clean dist/: a source file deleted or renamed leaves no stale module behind.
    rmSync(join(dir, 'dist'), { recursive: true, force: true });
    const result = spawnSync(process.execPath, [tsc, '-p', join(dir, 'tsconfig.build.json')], { cwd: dir, stdio: 'inherit' });
    if (result.status !== 0) throw new Error(`tsc -p ${relative(root, join(dir, 'tsconfig.build.json'))} failed (exit ${result.status})`);
  }
  writeFileSync(HASH_FILE, wanted);
  if (!quiet) console.log(`[nazar] built @nazar/protocol and @nazar/server to dist/ (${Date.now() - started} ms)`);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    buildServer({ force: process.argv.includes('--force') });
  } catch (err) {
    console.error(`[nazar] ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
