// One tab flushes at a time: Web Locks where they work, else a lease record in the item store.
import { io, type StorageContext } from './storage.js';

/** Asked before each send: may this tab still send (does it still hold the turn)? */
export type Guard = () => Promise<boolean>;
const always: Guard = async () => true;

/** The lease record's key: sorts after every item id, and is not an item. */
export const LEASE_KEY = '~flush-lease';

export interface Lease {
  holder: string;
  until: number;
}

export interface TurnContext extends StorageContext {
  /** Null where Web Locks are missing, or once they refused to work here. */
  locks: LockManager | null;
  readonly lockName: string;
  /** This instance, as a lease holder. */
  readonly me: string;
  readonly leaseMs: number;
  readonly now: () => number;
}

/**
 * The lease `me` may write over `current` at time `t`, or undefined to leave it: free, ours,
 * expired, or impossibly far ahead (the clock went back) is taken.
 */
export function takeLease(current: Lease | undefined, me: string, t: number, leaseMs: number): Lease | undefined {
  return !current || current.holder == me || !(current.until > t && current.until <= t + leaseMs)
    ? { holder: me, until: t + leaseMs }
    : undefined;
}

/** Runs `fn` holding the turn to flush; returns at once when another tab holds it. */
export async function locked(c: TurnContext, fn: (guard: Guard) => Promise<void>): Promise<void> {
  if (c.locks) {
    let ran = false;
    try {
      await c.locks.request(c.lockName, { ifAvailable: true }, async (lock) => {
        if (!lock) return; // another tab is flushing; it hears about our items over BroadcastChannel
        ran = true;
        await fn(always);
      });
      return;
    } catch (err) {
      if (ran) throw err;
      c.locks = null; // Web Locks refused in this context (e.g. some third-party iframes): use the lease
    }
  }
  await leased(c, fn);
}

/**
 * The turn to flush as a lease record in the item store: claimed in one readwrite transaction
 * that checks and writes it, renewed as the flush goes on, released at the end. A tab that dies
 * holding it blocks the others until it expires.
 */
export async function leased(c: TurnContext, fn: (guard: Guard) => Promise<void>): Promise<void> {
  if (!c.store.durable) return fn(always); // nothing shared to take turns through
  let until = 0;
  const claim = async (): Promise<boolean> => {
    // `now` when the transaction runs, which may be well after it was asked for.
    const lease = await io(c, (s) => s.swap<Lease>(LEASE_KEY, (cur) => takeLease(cur, c.me, c.now(), c.leaseMs), 'relaxed'));
    if (!c.store.durable) return true; // the store just failed: this tab goes on alone, in memory
    if (lease?.holder != c.me) return false;
    until = lease.until;
    return true;
  };
  if (!(await claim())) return;
  try {
    await fn(async () => c.now() < until - c.leaseMs / 2 || claim());
  } finally {
    if (c.store.durable) {
      try {
        await c.store.swap<Lease>(LEASE_KEY, (cur) => (cur?.holder == c.me ? null : undefined), 'relaxed');
      } catch {
        /* it expires */
      }
    }
  }
}
