/**
 * `nazar-server` as a subprocess: help, migrate, seed, token create|list|revoke, export, backup,
 * clear errors and non-zero exits.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { ADMIN_OPS_ROUTES } from '@nazar/protocol';
import { createApp } from '../http/app.js';
import { createSqliteStore } from '../store/sqlite/store.js';
import { makeTempDir } from '../../test/support.js';
import { parseArgs } from './cli.js';

const BIN = fileURLToPath(new URL('../../bin/nazar-server.mjs', import.meta.url));
/** The bin on the TypeScript sources (its `#cli` under the "source" condition); test/built-server.test.ts runs the build. */
const ON_SOURCES = ['--conditions=source', '--import', 'tsx', BIN];

function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [...ON_SOURCES, ...args], { env: { ...process.env, ...env }, encoding: 'utf8' }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('the command line parser (node:util parseArgs)', () => {
  it('takes --name value, --name=value, flags, -h and positionals; -- ends the options', () => {
    const p = parseArgs(['export', 'comments', '--format', 'json', '--output=out.json', '--force', '--', '--poll']);
    assert.deepEqual(p.positional, ['export', 'comments', '--poll']);
    assert.deepEqual(
      [...p.options],
      [
        ['format', 'json'],
        ['output', 'out.json'],
        ['force', true],
      ],
    );
    assert.deepEqual([...parseArgs(['migrate', '-h']).options], [['help', true]]);
    assert.deepEqual([...parseArgs(['token', 'create', '--name=--x', '--name', '-y']).options], [['name', '-y']], 'the last one counts');
    // Unknown options are kept for the command to name (and for --help to win over).
    assert.deepEqual(
      [...parseArgs(['migrate', '--colour=red', '-x']).options],
      [
        ['colour', 'red'],
        ['x', true],
      ],
    );
  });

  it('refuses a value-taking option without its value and a flag with one', () => {
    assert.throws(() => parseArgs(['export', 'votes', '--format']), /^Error: --format needs a value$/);
    assert.throws(() => parseArgs(['export', 'votes', '--to', '--force']), /^Error: --to needs a value$/);
    assert.throws(() => parseArgs(['backup', 'x.db', '--force=no']), /^Error: --force takes no value$/);
    assert.throws(() => parseArgs(['migrate', '--help=1']), /^Error: --help takes no value$/);
  });
});

describe('nazar-server command line', () => {
  const tmp = makeTempDir('nazar-cli-');
  const db = join(tmp.dir, 'data', 'nazar.db');
  const env = { NAZAR_DATABASE_URL: `sqlite:${db}` };
  after(() => tmp.dispose());

  it('has help for itself and each command; unknown commands and options fail with exit 1', async () => {
    const [top, token, exp, unknown, badOption] = await Promise.all([
      cli(['--help']),
      cli(['token', '--help']),
      cli(['export', '--help']),
      cli(['frobnicate']),
      cli(['migrate', '--colour', 'red'], env),
    ]);
    assert.equal(top.code, 0);
    for (const c of ['start', 'migrate', 'seed', 'token create|list|revoke', 'export', 'backup']) assert.ok(top.stdout.includes(c), c);
    assert.equal(token.code, 0);
    assert.match(token.stdout, /--role admin\|moderator\|viewer/);
    assert.match(exp.stdout, /--format csv\|json/);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /unknown command "frobnicate"/);
    assert.equal(badOption.code, 1);
    assert.match(badOption.stderr, /unknown option --colour/);
  });

  it("refuses bad flags with one clear line, then the command's usage, and exit 1", async () => {
    const cases: [args: string[], error: RegExp][] = [
      [['export', 'comments', '--format'], /^nazar-server export: --format needs a value\n\nUsage: nazar-server export /],
      [['export', 'comments', '--format', '--force'], /^nazar-server export: --format needs a value\n/],
      [['backup', join(tmp.dir, 'b.db'), '--force=yes'], /^nazar-server backup: --force takes no value\n\nUsage: nazar-server backup /],
      [['migrate', '-x'], /^nazar-server migrate: unknown option -x\n/],
      [['seed', '--colour=red'], /^nazar-server seed: unknown option --colour\n/],
      [['token', 'create', '--role', 'admin', '--force'], /^nazar-server token: unknown option --force\n\nUsage: nazar-server token /],
      [['token', 'list', '--role', 'admin'], /^nazar-server token: unknown option --role\n/],
      [['token', 'create', '--role', 'root'], /^nazar-server token: --role must be admin, moderator or viewer, not "root"\n/],
    ];
    const results = await Promise.all(cases.map(([args]) => cli(args, env)));
    results.forEach((r, i) => {
      const [args, error] = cases[i];
      assert.equal(r.code, 1, args.join(' '));
      assert.match(r.stderr, error, args.join(' '));
      assert.equal(r.stdout, '', args.join(' '));
    });
    assert.equal(existsSync(db), false, 'no bad command line opened the database');
    // --help wins over an option the command does not take, as before.
    const help = await cli(['migrate', '--colour', 'red', '--help'], env);
    assert.equal(help.code, 0, help.stderr);
    assert.match(help.stdout, /^Usage: nazar-server migrate/);
  });

  it('migrates, seeds, makes and revokes tokens that the API accepts, exports and backs up', { timeout: 60_000 }, async () => {
    const migrated = await cli(['migrate'], env);
    assert.equal(migrated.code, 0, migrated.stderr);
    assert.match(migrated.stdout, /schema version \d+/);
    const seeded = await cli(['seed'], env);
    assert.equal(seeded.code, 0, seeded.stderr);
    assert.match(seeded.stdout, /demo content added/);

    // Independent commands side by side (each is a process of its own).
    const file = join(tmp.dir, 'feedback.csv');
    const copy = join(tmp.dir, 'backup.db');
    const [seededAgain, noRole, created, exported, json, badFilter, backedUp, pg] = await Promise.all([
      cli(['seed'], env),
      cli(['token', 'create'], env),
      cli(['token', 'create', '--role', 'moderator', '--name', 'Chabahar desk'], env),
      cli(['export', 'feedback', '--output', file, '--service', 'ngo-permit'], env),
      cli(['export', 'comments', '--format', 'json', '--status', 'published'], env),
      cli(['export', 'feedback', '--status', 'lost'], env),
      cli(['backup', copy], env),
      cli(['backup', 'nazar.dump', '--database', 'postgres://nazar:secret@db.example:5432/nazar']),
    ]);
    assert.match(seededAgain.stdout, /nothing added/);
    assert.equal(noRole.code, 1);
    assert.match(noRole.stderr, /needs --role/);
    assert.equal(created.code, 0, created.stderr);
    assert.match(
      created.stderr,
      /Next: open http:\/\/127\.0\.0\.1:\d+\/console\/ and paste the token to sign in\./,
      'the console address and the next step',
    );
    const token = created.stdout.trim();
    assert.match(token, /^nzr_[a-z2-7]{12}_[A-Za-z0-9_-]{43}$/);
    const id = token.split('_')[1];
    // The secret is all after `nzr_<id>_`: it may itself contain `_`.
    const secret = token.slice(`nzr_${id}_`.length);

    // The API accepts the token with its role.
    const store = createSqliteStore(db);
    try {
      const app = createApp(store, { allowedOrigins: [] });
      assert.equal((await app.request(ADMIN_OPS_ROUTES.feedback.path(), { headers: { Authorization: `Bearer ${token}` } })).status, 200);
      assert.equal((await app.request(ADMIN_OPS_ROUTES.tokens.path(), { headers: { Authorization: `Bearer ${token}` } })).status, 403);
    } finally {
      await store.close();
    }

    const listed = await cli(['token', 'list'], env);
    assert.match(listed.stdout, new RegExp(`^${id}\\tmoderator\\tactive\\t.*\\tChabahar desk$`, 'm'));
    assert.ok(!listed.stdout.includes(secret), 'no secret in the list');
    assert.equal((await cli(['token', 'revoke', id], env)).code, 0);
    assert.match((await cli(['token', 'list'], env)).stdout, new RegExp(`^${id}\\tmoderator\\trevoked `, 'm'));
    const noSuch = await cli(['token', 'revoke', 'aaaaaaaaaaaa'], env);
    assert.equal(noSuch.code, 1);
    assert.match(noSuch.stderr, /no token with id/);

    // Export to a file (CSV with a BOM) and to stdout (JSON); filters are checked.
    assert.equal(exported.code, 0, exported.stderr);
    const bytes = readFileSync(file);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const rows = bytes.toString('utf8').trimEnd().split('\r\n');
    assert.ok(rows.length > 1 && rows.slice(1).every((r) => r.includes(',ngo-permit,')), 'one service');
    assert.equal(json.code, 0, json.stderr);
    const parsed = JSON.parse(json.stdout) as { kind: string; items: { status: string }[] };
    assert.equal(parsed.kind, 'comments');
    assert.ok(parsed.items.length > 0 && parsed.items.every((i) => i.status === 'published'), 'published only');
    assert.equal(badFilter.code, 1);
    assert.match(badFilter.stderr, /--status \(invalid\)/);
    assert.equal((await cli(['export', 'feedback', '--output', file], env)).code, 1, 'no overwrite without --force');

    // Backup: a consistent copy that opens with the same data; PostgreSQL gets the pg_dump line.
    assert.equal(backedUp.code, 0, backedUp.stderr);
    const restored = createSqliteStore(copy);
    const original = createSqliteStore(db);
    try {
      assert.equal(await restored.countSubmissions(), await original.countSubmissions());
      assert.equal(
        (await original.listAudit({ limit: 100 })).filter((e) => e.actor.id === 'cli').length,
        4,
        'token create, revoke and the two exports audited',
      );
    } finally {
      await restored.close();
      await original.close();
    }
    assert.equal(pg.code, 1);
    assert.match(pg.stdout, /^pg_dump --format=custom --file="nazar\.dump" "postgres:\/\/nazar:\*\*\*@db\.example:5432\/nazar"/);
    assert.ok(!pg.stdout.includes('secret') && !pg.stderr.includes('secret'), 'no password printed');
    assert.equal(existsSync('nazar.dump'), false);
  });
});
