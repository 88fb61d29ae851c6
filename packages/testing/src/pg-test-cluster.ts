/**
 * A PostgreSQL server for the tests and benchmarks: `NAZAR_TEST_DATABASE_URL` when set (CI starts
 * one in `.ci/run`), otherwise a throwaway cluster started here from the installed server binaries
 * (initdb + pg_ctl into a temporary directory, trust auth on 127.0.0.1, a free port), stopped and
 * deleted when the process exits. As root, the cluster runs as the `postgres` user (PostgreSQL
 * refuses to run as root).
 *
 * When neither is possible, `pgTestTarget()` says why, so the PostgreSQL cases are reported as not
 * run with that reason — and under CI (`CI=true`) they fail instead.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PgCluster {
  url: string;
  /** Stops and deletes it (a no-op for an external server). */
  stop(): void;
}

/** Where PostgreSQL's server binaries are (`initdb`, `pg_ctl`), or null. */
export function findPgBinDir(): string | null {
  const candidates: string[] = [];
  if (process.env.NAZAR_PG_BINDIR) candidates.push(process.env.NAZAR_PG_BINDIR);
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  } catch {
    // no pg_config on PATH
  }
  try {
    const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
    for (const v of versions) candidates.push(`/usr/lib/postgresql/${v}/bin`);
  } catch {
    // not Debian's layout
  }
  for (const dir of (process.env.PATH ?? '').split(':')) if (dir) candidates.push(dir);
  return candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) ?? null;
}

export type PgTestTarget = { kind: 'url'; url: string } | { kind: 'throwaway'; binDir: string } | { kind: 'none'; reason: string };

/** Decides, without starting anything, where the PostgreSQL tests will run. */
export function pgTestTarget(): PgTestTarget {
  const url = process.env.NAZAR_TEST_DATABASE_URL?.trim();
  if (url) return { kind: 'url', url };
  const binDir = findPgBinDir();
  if (binDir === null) {
    return {
      kind: 'none',
      reason:
        'PostgreSQL tests not run: NAZAR_TEST_DATABASE_URL is not set and no PostgreSQL server binaries (initdb, pg_ctl) were found ' +
        "(install Debian's postgresql, or set NAZAR_TEST_DATABASE_URL=postgres://…)",
    };
  }
  if (process.getuid?.() === 0 && spawnSync('id', ['-u', 'postgres']).status !== 0) {
    return {
      kind: 'none',
      reason:
        'PostgreSQL tests not run: running as root and there is no `postgres` user to run a throwaway cluster as; set NAZAR_TEST_DATABASE_URL',
    };
  }
  return { kind: 'throwaway', binDir };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface ThrowawayOptions {
  /** fsync off (default true): fast tests. Benchmarks of durable writes keep fsync on. */
  fast?: boolean;
}

/** Starts a fresh cluster on 127.0.0.1 (about a second); `stop()` removes it. */
export async function startThrowawayCluster(binDir: string, options: ThrowawayOptions = {}): Promise<PgCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'nazar-pg-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) => {
    const full = asRoot
      ? (['runuser', ['-u', 'postgres', '--', join(binDir, cmd), ...args]] as const)
      : ([join(binDir, cmd), args] as const);
    const r = spawnSync(full[0], [...full[1]], { encoding: 'utf8', cwd: dir });
    if (r.status !== 0) throw new Error(`${cmd} failed (${r.status}): ${r.stderr || r.stdout}`);
  };
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const port = await freePort();
  try {
    run('initdb', ['-D', data, '-U', 'nazar', '--auth=trust', '-E', 'UTF8', '--locale=C', '-N']);
    const settings = [`-p ${port}`, `-k ${dir}`, '-c listen_addresses=127.0.0.1', '-c max_connections=200'];
    if (options.fast !== false) settings.push('-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off');
    run('pg_ctl', ['-D', data, '-o', settings.join(' '), '-l', join(dir, 'server.log'), '-w', '-t', '30', 'start']);
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } catch {
      // already gone
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stop);
  return { url: `postgres://nazar@127.0.0.1:${port}/postgres`, stop };
}

let shared: Promise<PgCluster> | null = null;

/**
 * The PostgreSQL server this process's tests use (started once, on first use), or an error that
 * says why there is none.
 */
export function testPgServer(): Promise<PgCluster> {
  shared ??= (async () => {
    const target = pgTestTarget();
    if (target.kind === 'url') return { url: target.url, stop() {} };
    if (target.kind === 'none') throw new Error(target.reason);
    return startThrowawayCluster(target.binDir);
  })();
  return shared;
}

let schemaCounter = 0;

/** A fresh schema name for one store under test. */
export function freshSchemaName(): string {
  return `t_${process.pid}_${Date.now().toString(36)}_${++schemaCounter}`;
}
