// Shared set-up for the end-to-end tests: `npm start` on a free port with a temporary SQLite file,
// Debian's Chromium through playwright-core, and read access to the database as an auditor has.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const root = join(import.meta.dirname, '..');
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

interface Db {
  prepare(sql: string): { get(...params: unknown[]): unknown; all(...params: unknown[]): unknown[] };
  close(): void;
}
// better-sqlite3 belongs to the server package.
const Database = createRequire(join(root, 'packages/server/package.json'))('better-sqlite3') as new (
  file: string,
  options?: { readonly?: boolean; fileMustExist?: boolean },
) => Db;

export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

export interface Product {
  base: string;
  dataDir: string;
  adminToken: string;
  /** What the product printed so far (its JSON log: one line per request, with the path). */
  output(): string;
  /** Runs a read-only query against the product's SQLite file. */
  query<T>(sql: string, ...params: unknown[]): T[];
  stop(): Promise<void>;
}

/** Starts `npm start` (scripts/run.mjs start) in its own process group and waits until it listens. */
export async function startProduct(env: Record<string, string> = {}): Promise<Product> {
  const dataDir = mkdtempSync(join(tmpdir(), 'nazar-e2e-'));
  const port = env.NAZAR_PORT ? Number(env.NAZAR_PORT) : await freePort();
  const base = `http://127.0.0.1:${port}`;
  const adminToken = 'e2e-admin-token-0123456789abcdef';
  const child: ChildProcess = spawn(process.execPath, ['scripts/run.mjs', 'start'], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NAZAR_PORT: String(port),
      NAZAR_DATABASE_URL: `sqlite:${join(dataDir, 'nazar.db')}`,
      NAZAR_ADMIN_TOKEN: adminToken,
      ...env,
    },
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not come up:\n${output}`)), 180_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('nazar listening')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    child.on('exit', (code) => reject(new Error(`npm start exited ${code}:\n${output}`)));
  });
  return {
    base,
    dataDir,
    adminToken,
    output: () => output,
    query<T>(sql: string, ...params: unknown[]): T[] {
      const db = new Database(join(dataDir, 'nazar.db'), { readonly: true, fileMustExist: true });
      try {
        return db.prepare(sql).all(...params) as T[];
      } finally {
        db.close();
      }
    },
    async stop() {
      if (child.pid && child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        process.kill(-child.pid, 'SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

/** `p`, or a failure saying what did not happen within `ms`. */
export async function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Asks `probe` again and again until `done` holds for its answer, which it returns. For a condition
 * only the server can tell (a row, a status on its clock): bounded, and on time-out it says what it
 * saw last.
 */
export async function eventually<T>(what: string, probe: () => T | Promise<T>, done: (seen: T) => boolean, timeout = 30_000): Promise<T> {
  if (!Number.isFinite(timeout)) throw new Error(`${what}: no deadline (${timeout})`);
  const deadline = Date.now() + timeout;
  for (;;) {
    const seen = await probe();
    if (done(seen)) return seen;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeout} ms; last seen: ${JSON.stringify(seen)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Resolves once the Outbox of the widget `host` has made one whole pass over what is due, after
 * any pass already under way in a tab of this origin. A send that pass would make has been answered
 * (and so committed) by then: the positive event after which "nothing more was sent" can be counted.
 */
export async function outboxSettled(page: Page, host: string, timeout = 15_000): Promise<void> {
  // The widget's OutboxController (`items`, internal/outbox-controller.ts) holds the page's Outbox
  // once the widget is connected.
  type Widget = { items?: { instance?: { flush(): Promise<void> } } };
  await page.waitForFunction((h) => (document.querySelector(h) as unknown as Widget | null)?.items?.instance, host, { timeout });
  const pass = page.evaluate(async (h) => {
    const outbox = (document.querySelector(h) as unknown as Widget).items!.instance!;
    // The turn to flush is a Web Lock: taking it, and giving it back at once, waits out a pass
    // another page (say, the one before a reload) is still making.
    const { held = [], pending = [] } = await navigator.locks.query();
    const turns = new Set([...held, ...pending].map((l) => l.name ?? '').filter((n) => n.startsWith('nazar-outbox-flush:')));
    for (const name of turns) await navigator.locks.request(name, async () => {});
    // Joins a pass under way here and makes one more after it.
    await outbox.flush();
  }, host);
  await within(pass, timeout, `the Outbox of ${host} making a whole pass`);
}
