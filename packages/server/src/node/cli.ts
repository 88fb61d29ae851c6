/**
 * `nazar-server` commands other than `start` (bin/nazar-server.mjs hands them here): migrate,
 * seed, token create|list|revoke, export, backup. Each has `--help`; errors are one clear line on
 * stderr and a non-zero exit code. The database is NAZAR_DATABASE_URL (or `--database URL`).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { parseArgs as parseArgv, type ParseArgsConfig } from 'node:util';
import { createApp } from '../http/app.js';
import { ROLES, type AuditActor, type Role } from '../store/admin-store.js';
import { generateToken } from '../http/admin-auth.js';
import { ConfigError, DEFAULT_DATABASE_URL, DEFAULT_HOST, DEFAULT_PORT, parseDatabaseUrl, type ServerConfig } from '../config/config.js';
import { describeDatabase, openStore } from '../store/open-store.js';
import { redactUrl, type PgStore } from '../store/postgres/store.js';
import { seedDemoContent } from '../demo/seed.js';
import type { SqliteStore } from '../store/sqlite/store.js';
import type { Store } from '../store/store.js';

export const CLI_ACTOR: AuditActor = { id: 'cli', name: 'nazar-server (command line)', role: 'admin' };

class UsageError extends Error {}

const DATABASE_HELP = `  --database URL   sqlite:path, postgres://… (default: NAZAR_DATABASE_URL, else ${DEFAULT_DATABASE_URL})`;

export const HELP: Record<string, string> = {
  migrate: `Usage: nazar-server migrate [--database URL]

Applies pending schema migrations (each in a transaction; safe while other processes run) and
prints the schema version.

${DATABASE_HELP}
`,
  seed: `Usage: nazar-server seed [--database URL]

Puts the demo content (three e-services with feedback, a draft regulation, two polls) into the
database, each part only where the database has none of its kind.

${DATABASE_HELP}
`,
  token: `Usage: nazar-server token create --role admin|moderator|viewer [--name NAME]
       nazar-server token list
       nazar-server token revoke ID

Admin API tokens. \`create\` prints the token once (only its SHA-256 is stored): keep it.
Roles: viewer reads; moderator also moderates comments, replies and handles feedback; admin
does everything (consultations, polls, services, sites, tokens, the audit log).

${DATABASE_HELP}
`,
  export: `Usage: nazar-server export comments|feedback|votes [--format csv|json] [--output FILE] [filters]

Writes officials' data: CSV (UTF-8 with a BOM, for spreadsheet programs) or JSON, to stdout or a
file. Contact details are included: keep exports safe.

Filters: --site ID --service ID --consultation SLUG --clause ID|whole --stance S --status S
         --poll SLUG --from ISO --to ISO   (each applies to the kinds it makes sense for)
  --output FILE    write there instead of stdout (refuses to overwrite without --force)
${DATABASE_HELP}
`,
  backup: `Usage: nazar-server backup FILE [--force] [--database URL]

SQLite: an online backup (consistent while the server runs) to FILE.
PostgreSQL: prints the pg_dump command to run instead (and exits 1: nothing was copied).

${DATABASE_HELP}
`,
};

interface Parsed {
  positional: string[];
  options: Map<string, string | true>;
}

const EXPORT_FILTERS = ['site', 'service', 'consultation', 'clause', 'stance', 'status', 'poll', 'from', 'to'];

/** Every option any command takes, by its kind; which command takes which is `checkOptions`'s. */
const OPTIONS: Record<string, { type: 'boolean' | 'string'; short?: string }> = {
  help: { type: 'boolean', short: 'h' },
  force: { type: 'boolean' },
  ...Object.fromEntries(['database', 'role', 'name', 'format', 'output', ...EXPORT_FILTERS].map((name) => [name, { type: 'string' }])),
} satisfies ParseArgsConfig['options'];

/**
 * A command's arguments, split by node:util's `parseArgs`: `--name value`, `--name=value`, flags
 * (`--force`, `--help`, `-h`) and positionals; `--` ends the options. An option no command knows
 * is kept, so that `checkOptions` names it (and `--help` still wins over it); a known option
 * without its value, or a flag given one, is a UsageError.
 */
export function parseArgs(args: readonly string[]): Parsed {
  const { tokens } = parseArgv({ args: [...args], options: OPTIONS, strict: false, allowPositionals: true, tokens: true });
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (const t of tokens) {
    if (t.kind === 'positional') positional.push(t.value);
    if (t.kind !== 'option') continue;
    const known = Object.hasOwn(OPTIONS, t.name) ? OPTIONS[t.name] : undefined;
    if (known?.type === 'string') {
      // `--format --force`: the next argument is another option, not this one's value.
      if (t.value === undefined || (!t.inlineValue && t.value.startsWith('--'))) throw new UsageError(`--${t.name} needs a value`);
      options.set(t.name, t.value);
    } else if (known && t.value !== undefined) throw new UsageError(`${t.rawName} takes no value`);
    else options.set(t.name, t.value ?? true);
  }
  return { positional, options };
}

function option(p: Parsed, name: string): string | undefined {
  const v = p.options.get(name);
  return typeof v === 'string' ? v : undefined;
}

function databaseOf(p: Parsed): ServerConfig['database'] {
  return parseDatabaseUrl(option(p, 'database') ?? (process.env.NAZAR_DATABASE_URL?.trim() || DEFAULT_DATABASE_URL));
}

function checkOptions(p: Parsed, allowed: readonly string[]): void {
  for (const name of p.options.keys()) {
    if (!allowed.includes(name) && name !== 'help' && name !== 'database')
      throw new UsageError(`unknown option ${name.length === 1 ? '-' : '--'}${name}`);
  }
}

async function withStore<T>(p: Parsed, fn: (store: Store, database: ServerConfig['database']) => Promise<T>): Promise<T> {
  const database = databaseOf(p);
  if (database.kind === 'memory')
    throw new UsageError('NAZAR_DATABASE_URL is memory: — there is nothing to keep; use sqlite:path or postgres://…');
  const store = await openStore(database);
  try {
    return await fn(store, database);
  } finally {
    await store.close();
  }
}

/** Where `npm start` / `nazar-server start` serves the officials' console, from the same settings. */
function consoleAddress(env: Record<string, string | undefined>): string {
  if (env.NAZAR_CONSOLE_URL?.trim()) return env.NAZAR_CONSOLE_URL.trim();
  const host = env.NAZAR_HOST?.trim() || DEFAULT_HOST;
  const port = env.NAZAR_PORT?.trim() || String(DEFAULT_PORT);
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}/console/`;
}

const out = (text: string) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);

async function migrate(p: Parsed): Promise<number> {
  checkOptions(p, []);
  return withStore(p, async (store, database) => {
    const version = store.kind === 'sqlite' ? (store as SqliteStore).schemaVersion() : await (store as PgStore).ready;
    out(`${describeDatabase(database)}: schema version ${version}`);
    return 0;
  });
}

async function seed(p: Parsed): Promise<number> {
  checkOptions(p, []);
  return withStore(p, async (store, database) => {
    const r = await seedDemoContent(store);
    out(
      r.seeded
        ? `${describeDatabase(database)}: demo content added (${Object.entries(r)
            .filter(([k, v]) => k !== 'seeded' && v)
            .map(([k]) => k)
            .join(', ')})`
        : `${describeDatabase(database)}: already has content; nothing added`,
    );
    return 0;
  });
}

async function token(p: Parsed): Promise<number> {
  const [, sub, id] = p.positional;
  if (sub === 'create') {
    checkOptions(p, ['role', 'name']);
    const role = option(p, 'role');
    if (role === undefined) throw new UsageError('token create needs --role admin|moderator|viewer');
    if (!ROLES.includes(role as Role)) throw new UsageError(`--role must be admin, moderator or viewer, not "${role}"`);
    const name = (option(p, 'name') ?? `${role} token`).trim().replace(/\s+/g, ' ');
    if (name === '' || name.length > 100) throw new UsageError('--name must be 1 to 100 characters');
    return withStore(p, async (store) => {
      const made = await generateToken();
      const at = new Date().toISOString();
      await store.createToken({ id: made.id, name, role: role as Role, hash: made.hash, createdBy: CLI_ACTOR.id, at });
      await store.appendAudit({ at, actor: CLI_ACTOR, action: 'createToken', target: made.id, detail: { name, role } });
      process.stderr.write(`Token ${made.id} (${role}, "${name}") created. It is shown once; only its hash is stored:\n`);
      out(made.token);
      process.stderr.write(`Next: open ${consoleAddress(process.env)} and paste the token to sign in.\n`);
      return 0;
    });
  }
  if (sub === 'list') {
    checkOptions(p, []);
    return withStore(p, async (store) => {
      const tokens = await store.listTokens();
      if (tokens.length === 0) out('no tokens (NAZAR_ADMIN_TOKEN, if set, is not listed: it is not stored)');
      for (const t of tokens) out(`${t.id}\t${t.role}\t${t.revokedAt ? `revoked ${t.revokedAt}` : 'active'}\t${t.createdAt}\t${t.name}`);
      return 0;
    });
  }
  if (sub === 'revoke') {
    checkOptions(p, []);
    if (id === undefined) throw new UsageError('token revoke needs the token id (see: nazar-server token list)');
    return withStore(p, async (store) => {
      const at = new Date().toISOString();
      const revoked = await store.revokeToken(id, at);
      if (!revoked) {
        process.stderr.write(`nazar-server: no token with id "${id}"\n`);
        return 1;
      }
      await store.appendAudit({ at, actor: CLI_ACTOR, action: 'revokeToken', target: id, detail: null });
      out(`token ${id} revoked at ${revoked.revokedAt}`);
      return 0;
    });
  }
  throw new UsageError(sub === undefined ? 'token needs create, list or revoke' : `unknown token command "${sub}"`);
}

async function exportData(p: Parsed): Promise<number> {
  checkOptions(p, ['format', 'output', 'force', ...EXPORT_FILTERS]);
  const kind = p.positional[1];
  if (kind !== 'comments' && kind !== 'feedback' && kind !== 'votes') throw new UsageError('export needs comments, feedback or votes');
  const format = option(p, 'format') ?? 'csv';
  if (format !== 'csv' && format !== 'json') throw new UsageError(`--format must be csv or json, not "${format}"`);
  const output = option(p, 'output');
  if (output !== undefined && existsSync(output) && !p.options.has('force'))
    throw new UsageError(`${output} exists; add --force to overwrite it`);
  return withStore(p, async (store) => {
    // The same code as GET /v1/admin/exports/:kind, with the CLI as the audited actor.
    const internal = (await generateToken()).token;
    const app = createApp(store, {
      allowedOrigins: [],
      adminToken: internal,
      adminActor: CLI_ACTOR,
      logger: { info() {}, error: (r) => process.stderr.write(`${JSON.stringify(r)}\n`) },
    });
    const query = new URLSearchParams({ format });
    for (const f of EXPORT_FILTERS) {
      const v = option(p, f);
      if (v !== undefined) query.set(f, v);
    }
    const res = await app.request(`/v1/admin/exports/${kind}?${query}`, { headers: { Authorization: `Bearer ${internal}` } });
    const body = new Uint8Array(await res.arrayBuffer());
    if (res.status !== 200) {
      const problem = JSON.parse(new TextDecoder().decode(body)) as { title: string; errors?: { field: string; code: string }[] };
      const fields = problem.errors?.map((e) => `--${e.field} (${e.code})`).join(', ');
      process.stderr.write(`nazar-server: ${problem.title}${fields ? `: ${fields}` : ''}\n`);
      return 1;
    }
    if (output !== undefined) {
      writeFileSync(output, body);
      process.stderr.write(`${output}: ${res.headers.get('content-type')}, ${body.byteLength} bytes\n`);
    } else process.stdout.write(body);
    return 0;
  });
}

async function backup(p: Parsed): Promise<number> {
  checkOptions(p, ['force']);
  const file = p.positional[1];
  if (file === undefined) throw new UsageError('backup needs the file to write');
  const database = databaseOf(p);
  if (database.kind === 'postgres') {
    const url = new URL(database.url);
    const safe = redactUrl(database.url);
    process.stderr.write(
      'nazar-server backup copies SQLite databases only. For PostgreSQL, run pg_dump (custom format, restore with pg_restore):\n',
    );
    out(
      `pg_dump --format=custom --file=${JSON.stringify(file)} ${JSON.stringify(safe)}${url.password ? '   # give the password in PGPASSWORD or ~/.pgpass' : ''}`,
    );
    return 1;
  }
  if (database.kind === 'memory') throw new UsageError('NAZAR_DATABASE_URL is memory: — there is nothing to back up');
  if (existsSync(file) && !p.options.has('force')) throw new UsageError(`${file} exists; add --force to overwrite it`);
  return withStore(p, async (store) => {
    const sqlite = store as SqliteStore;
    const started = Date.now();
    await sqlite.db.backup(file);
    out(`${describeDatabase(database)} → ${file} (${Date.now() - started} ms, ${await store.countSubmissions()} submissions)`);
    return 0;
  });
}

const COMMANDS: Record<string, (p: Parsed) => Promise<number>> = { migrate, seed, token, export: exportData, backup };

/** Runs one command; returns the exit code. */
export async function runCli(args: readonly string[]): Promise<number> {
  const command = args[0];
  try {
    const p = parseArgs(args);
    if (p.options.has('help')) {
      out(HELP[command]);
      return 0;
    }
    const run = COMMANDS[command];
    if (!run) throw new UsageError(`unknown command "${command}"`);
    return await run(p);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`nazar-server ${command}: ${err.message}\n\n${HELP[command] ?? ''}`);
      return 1;
    }
    if (err instanceof ConfigError) {
      process.stderr.write(`nazar-server: ${err.message}\n`);
      return 1;
    }
    process.stderr.write(`nazar-server: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}
