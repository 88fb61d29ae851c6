/**
 * The Outbox's steps on their own, in Node: how an answer settles an item (send.ts), which items a
 * pass sends and in which lanes (lanes.ts), how the lanes run side by side, and when a lease may
 * be taken (turn.ts). The Outbox as a whole is proved by the model and the browser tests.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { problem } from '@nazar/protocol';
import type { Exchange } from '../http.js';
import type { FlushContext } from './flush.js';
import type { OutboxItem } from './item.js';
import { memoryItemStore } from './item-store.js';
import { DELIVERED_RETENTION_MS, inParallel, intoLanes, isDue } from './lanes.js';
import { receive } from './receive.js';
import { settle } from './send.js';
import { takeLease } from './turn.js';

const T = 1_700_000_000_000;

function item(id: string, owner: string, over: Partial<OutboxItem> = {}): OutboxItem {
  return {
    id,
    key: `k-${id}`,
    api: 'https://api.example',
    path: '/v1/x',
    body: {},
    owner,
    createdAt: T,
    updatedAt: T,
    attempts: 0,
    nextAttemptAt: T,
    state: 'queued',
    ...over,
  };
}

const answer = (status: number, body: unknown = {}, headers: Record<string, string> = {}): Exchange => ({
  kind: 'answer',
  status,
  headers: new Headers(headers),
  body,
  json: true,
});

describe('settle: what an answer means for the item', () => {
  const ctx = { random: () => 0.5, onlineAt: -Infinity };

  it('delivers on a 2xx, keeping the answer and dropping an earlier problem', () => {
    const [outcome, apply] = settle(answer(201, { trackingCode: 'NZR-1' }), T + 5, ctx);
    const next = apply(
      item('a', 'o', {
        state: 'sending',
        attempts: 1,
        problem: { type: 'about:blank', title: 't', status: 503, code: 'internal' } as never,
      }),
    );
    assert.equal(outcome, 'done');
    assert.equal(next.state, 'delivered');
    assert.deepEqual(next.response, { trackingCode: 'NZR-1' });
    assert.equal(next.problem, undefined);
    assert.equal(next.attempts, 2);
    assert.equal(next.updatedAt, T + 5);
  });

  it('needs attention on a permanent refusal, with the problem for the citizen', () => {
    const [outcome, apply] = settle(answer(422, problem('validation', 422, { errors: [{ field: 'text', code: 'too-long' }] })), T, ctx);
    const next = apply(item('a', 'o', { state: 'sending' }));
    assert.equal(outcome, 'done');
    assert.equal(next.state, 'needs-attention');
    assert.equal(next.problem?.code, 'validation');
  });

  it('retries a 5xx later with the same key, by backoff', () => {
    const [outcome, apply] = settle(answer(503, problem('internal', 503)), T, ctx);
    const before = item('a', 'o', { state: 'sending' });
    const next = apply(before);
    assert.equal(outcome, 'retry');
    assert.equal(next.state, 'queued');
    assert.equal(next.key, before.key);
    assert.ok(next.nextAttemptAt > T);
  });

  it('waits as long as a 429 says in Retry-After', () => {
    const [outcome, apply] = settle(answer(429, problem('rate-limited', 429), { 'Retry-After': '120' }), T, ctx);
    assert.equal(outcome, 'retry');
    assert.equal(apply(item('a', 'o')).nextAttemptAt, T + 120_000);
  });

  it('calls no answer at all offline, and retries it', () => {
    const [outcome, apply] = settle(
      { kind: 'none', problem: { type: 'about:blank', title: 'network', status: 0, code: 'network' } as never },
      T,
      ctx,
    );
    const next = apply(item('a', 'o', { state: 'sending' }));
    assert.equal(outcome, 'offline');
    assert.equal(next.state, 'queued');
    assert.equal(next.problem?.code, 'network');
  });
});

describe('intoLanes: which items a pass may send', () => {
  it('makes one lane per owner, in FIFO order and in order of each owner’s first item', async () => {
    const items = [item('1', 'b'), item('2', 'a'), item('3', 'b'), item('4', 'a')];
    const lanes = await intoLanes(items, T, new Set(), async () => {});
    assert.deepEqual(
      lanes.map((l) => l.map((i) => i.id)),
      [
        ['1', '3'],
        ['2', '4'],
      ],
    );
  });

  it('leaves out refused items, items being resent and delivered ones, pruning those past retention', async () => {
    const pruned: string[] = [];
    const items = [
      item('1', 'a', { state: 'needs-attention' }),
      item('2', 'a', { state: 'delivered', updatedAt: T - DELIVERED_RETENTION_MS - 1 }),
      item('3', 'a', { state: 'delivered', updatedAt: T - 1000 }),
      item('4', 'a'),
      item('5', 'a'),
    ];
    const lanes = await intoLanes(items, T, new Set(['5']), async (i) => void pruned.push(i.id));
    assert.deepEqual(
      lanes.map((l) => l.map((i) => i.id)),
      [['4']],
    );
    assert.deepEqual(pruned, ['2']);
  });
});

describe('isDue: whether an item is sent now', () => {
  it('sends what is due, and one left `sending` by a page that died', () => {
    assert.equal(isDue(item('a', 'o', { nextAttemptAt: T }), T, false), true);
    assert.equal(isDue(item('a', 'o', { nextAttemptAt: T + 1 }), T, false), false);
    assert.equal(isDue(item('a', 'o', { state: 'sending', nextAttemptAt: T + 60_000 }), T, false), true);
  });

  it('just after `online`, tries a network failure at once, but not a server’s refusal to hurry', () => {
    const failed = (code: string) => item('a', 'o', { nextAttemptAt: T + 60_000, problem: { code } as never });
    assert.equal(isDue(failed('network'), T, true), true);
    assert.equal(isDue(failed('timeout'), T, true), true);
    assert.equal(isDue(failed('network'), T, false), false);
    assert.equal(isDue(failed('rate-limited'), T, true), false);
  });
});

describe('inParallel: lanes side by side', () => {
  it('runs at most `concurrency` lanes at once, in order, and starts none once stopped', async () => {
    let running = 0;
    let most = 0;
    const started: number[] = [];
    let stop = false;
    await inParallel(
      [1, 2, 3, 4, 5],
      2,
      async (q) => {
        started.push(q);
        running++;
        most = Math.max(most, running);
        await new Promise((r) => setImmediate(r));
        running--;
        if (q === 3) stop = true;
      },
      () => stop,
    );
    assert.equal(most, 2);
    assert.deepEqual(started, [1, 2, 3, 4]);
  });
});

describe('takeLease: when a tab may take the turn to flush', () => {
  const LEASE = 30_000;
  it('takes a free lease, renews its own, and leaves another tab’s current one', () => {
    assert.deepEqual(takeLease(undefined, 'me', T, LEASE), { holder: 'me', until: T + LEASE });
    assert.deepEqual(takeLease({ holder: 'me', until: T + 10 }, 'me', T, LEASE), { holder: 'me', until: T + LEASE });
    assert.equal(takeLease({ holder: 'other', until: T + 10 }, 'me', T, LEASE), undefined);
  });

  it('takes an expired one, and one impossibly far ahead (the clock went back)', () => {
    assert.deepEqual(takeLease({ holder: 'other', until: T }, 'me', T, LEASE), { holder: 'me', until: T + LEASE });
    assert.deepEqual(takeLease({ holder: 'other', until: T + LEASE + 1 }, 'me', T, LEASE), { holder: 'me', until: T + LEASE });
  });
});

describe('receive: a tab on memory hears of another tab’s copy', () => {
  // Two tabs that both fell back to memory hold copies of one item. Found by the model (seed
  // -1180350997): tab A fixed and resent a refused item at t, tab B went on retrying the refused
  // version and stamped it t + 21 s; B's later stamp made A take the refused version back, send it
  // again and show it refused, while the fix was already on the server.
  const tab = (mine: OutboxItem) => {
    const store = memoryItemStore<OutboxItem>([mine]);
    const events: string[] = [];
    const c = { store, started: false, emit: (type: string) => void events.push(type) } as unknown as FlushContext;
    return { c, store, events };
  };
  const refused = item('a', 'o', { state: 'queued', updatedAt: T + 21_000, attempts: 3 });
  const fixed = item('a', 'o', { key: 'k-fix', body: { fixed: true }, revision: 1, updatedAt: T });

  it('keeps the citizen’s fix over a later update of the version before it', async () => {
    const a = tab(fixed);
    await receive(a.c, { id: 'a', state: refused.state, item: refused });
    assert.deepEqual(await a.store.get('a'), fixed);
    assert.deepEqual(a.events, []);
  });

  it('takes the fix in place of its own stale copy, whatever the clocks say', async () => {
    const b = tab(refused);
    await receive(b.c, { id: 'a', state: fixed.state, item: fixed });
    assert.deepEqual(await b.store.get('a'), fixed);
    assert.deepEqual(b.events, ['change']);
  });

  it('within one version, takes the later update', async () => {
    const b = tab(item('a', 'o', { updatedAt: T }));
    const later = item('a', 'o', { state: 'sending', updatedAt: T + 5 });
    await receive(b.c, { id: 'a', state: later.state, item: later });
    assert.equal((await b.store.get('a'))?.state, 'sending');
    await receive(b.c, { id: 'a', state: 'queued', item: item('a', 'o', { updatedAt: T + 1 }) });
    assert.equal((await b.store.get('a'))?.state, 'sending');
  });
});
