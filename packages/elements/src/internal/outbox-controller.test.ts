// The OutboxController in a real browser, with the real page Outbox (IndexedDB) and the real server
// app behind msw, driven by a tiny element that records what the controller tells it.
import { LitElement, html } from 'lit';
import { state } from 'lit/decorators.js';
import { FeedbackAccepted, ROUTES, parseTrackingCode } from '@nazar/protocol';
import { getOutbox, type OutboxItem } from '@nazar/client';
import { API, SERVICE, problemJson, testServer } from '@nazar/testing/client-server';
import { assert, deepEqual, equal, until } from '@nazar/testing/client-helpers';
import { OutboxController } from './outbox-controller.js';

const server = testServer();
const FEEDBACK = { api: API, path: ROUTES.feedback.path(SERVICE) };
let serial = 0;

class OutboxProbe extends LitElement {
  owner = `probe:${Date.now()}-${serial++}`;
  /** Whether `changed` takes the item (false: the host turns it down). */
  take = true;
  /** Hooks called and events sent, in order. */
  log: string[] = [];
  @state() item: OutboxItem | undefined;

  readonly outbox = new OutboxController(this, {
    owner: () => this.owner,
    item: () => this.item,
    changed: (item) => {
      this.log.push(`changed ${item.state}`);
      if (!this.take) return false;
      this.item = item;
    },
    delivered: (item) => {
      this.log.push('delivered');
      const accepted = FeedbackAccepted.safeParse(item.response);
      return accepted.success ? accepted.data.trackingCode : undefined;
    },
    rejected: (_item, problem) => void this.log.push(`rejected ${problem.code}`),
    settled: (item) => void this.log.push(`settled ${item.state}`),
    storageFailed: () => void this.log.push('storage failed'),
  });

  /** The `nazar-*` events, with their details. */
  events: CustomEvent[] = [];

  constructor() {
    super();
    for (const type of ['nazar-queued', 'nazar-delivered', 'nazar-rejected'] as const) {
      this.addEventListener(type, (e) => {
        this.events.push(e);
        this.log.push(`event ${type}`);
      });
    }
  }

  override render() {
    return html`<p>${this.item?.state ?? 'none'}</p>`;
  }
}
customElements.define('outbox-probe', OutboxProbe);

function mount(): OutboxProbe {
  const el = document.createElement('outbox-probe') as OutboxProbe;
  document.body.append(el);
  return el;
}

const shown = (el: OutboxProbe) => el.shadowRoot?.textContent?.trim();

/** Asserts that `entries` occur in `log` in this order (other entries may come between). */
function inOrder(log: string[], ...entries: string[]): void {
  let at = -1;
  for (const entry of entries) {
    const next = log.indexOf(entry, at + 1);
    assert(next > at, `"${entry}" after position ${at} in ${JSON.stringify(log)}`);
    at = next;
  }
}

/** Resolves with the page Outbox's next change of item `id` to `state`. */
function outboxChange(id: () => string | undefined, wanted: OutboxItem['state']): Promise<OutboxItem> {
  return new Promise((resolve) => {
    const outbox = getOutbox();
    const listener = (e: CustomEvent<OutboxItem>) => {
      if (e.detail.id !== id() || e.detail.state !== wanted) return;
      outbox.removeEventListener('change', listener);
      resolve(e.detail);
    };
    outbox.addEventListener('change', listener);
  });
}

describe('OutboxController', () => {
  afterEach(() => document.querySelectorAll('outbox-probe').forEach((e) => e.remove()));

  it('does nothing before its host first connects', async () => {
    const el = document.createElement('outbox-probe') as OutboxProbe;
    equal(el.outbox.instance, undefined);
    deepEqual(await el.outbox.list(), []);
    let saved = false;
    await el.outbox.send(FEEDBACK, { rating: 4, locale: 'fa' }, () => (saved = true));
    equal(saved, false, 'nothing saved');
    deepEqual(el.events, []);
  });

  it('maps a delivery to the host state, then nazar-delivered with the tracking code, then settled', async () => {
    const el = mount();
    equal(el.outbox.instance, getOutbox(), "the page's Outbox");
    await el.updateComplete;
    equal(shown(el), 'none');
    let saved: OutboxItem | undefined;
    await el.outbox.send(FEEDBACK, { rating: 4, locale: 'fa' }, (item) => {
      el.log.push('saved');
      el.item = saved = item;
    });
    assert(saved, 'saved before send resolves');
    inOrder(el.log, 'saved', 'event nazar-queued');
    deepEqual(el.events[0].detail, { itemId: saved.id, owner: el.owner });
    await until(() => el.log.includes('settled delivered'), 5000, 'delivery');
    inOrder(el.log, 'changed delivered', 'delivered', 'event nazar-delivered', 'settled delivered');
    const delivered = el.events.find((e) => e.type === 'nazar-delivered')!;
    equal(delivered.detail.itemId, saved.id);
    equal(delivered.detail.owner, el.owner);
    assert(parseTrackingCode(delivered.detail.trackingCode), `a tracking code: ${delivered.detail.trackingCode}`);
    assert(delivered.bubbles && delivered.composed, 'bubbles out of shadow roots');
    // The hook set the host's reactive state: the host rendered it.
    await until(() => shown(el) === 'delivered', 3000, 'rendered');
    const items = await el.outbox.list();
    deepEqual(
      items.map((i) => [i.id, i.owner]),
      [[saved.id, el.owner]],
      "the owner's items only",
    );
  });

  it('maps a refusal to rejected and nazar-rejected, and sends the refused item again', async () => {
    server.handler = () => problemJson(422, 'validation');
    const el = mount();
    await el.outbox.send(FEEDBACK, { rating: 4, locale: 'fa' }, (item) => (el.item = item));
    await until(() => el.log.includes('settled needs-attention'), 5000, 'refusal');
    inOrder(el.log, 'changed needs-attention', 'rejected validation', 'event nazar-rejected', 'settled needs-attention');
    const refused = el.item!;
    equal(refused.state, 'needs-attention');
    const rejected = el.events.find((e) => e.type === 'nazar-rejected')!;
    deepEqual(rejected.detail, { itemId: refused.id, owner: el.owner, problem: refused.problem });
    equal(rejected.detail.problem.code, 'validation');

    // The item shown was refused: send edits it (a new key) instead of queueing another.
    server.handler = server.online;
    el.log = [];
    let again: OutboxItem | undefined;
    await el.outbox.send(FEEDBACK, { rating: 5, locale: 'fa' }, (item) => (el.item = again = item));
    equal(again?.id, refused.id, 'the same item');
    deepEqual((again!.body as { rating: number }).rating, 5);
    equal(el.events.at(-1)!.detail.itemId, refused.id);
    await until(() => el.log.includes('settled delivered'), 5000, 'delivered after the edit');
    const keys = server.seen.filter((r) => r.method === 'POST').map((r) => r.key);
    equal(new Set(keys).size, 2, `a new idempotency key for the edit: ${keys.join()}`);
    equal((await el.outbox.list()).length, 1, 'no second item');
  });

  it("ignores other owners' items, and maps nothing of an item its host turns down", async () => {
    const sender = mount();
    const other = mount();
    const declining = mount();
    declining.owner = sender.owner;
    declining.take = false;
    await sender.outbox.send(FEEDBACK, { rating: 3, locale: 'fa' }, (item) => (sender.item = item));
    await until(() => sender.log.includes('settled delivered'), 5000, 'delivery');
    // Every listener of the Outbox's change event has run by now (one dispatch calls them all).
    deepEqual(other.log, [], 'another owner: not even asked');
    deepEqual(other.events, []);
    assert(declining.log.includes('changed delivered'), 'asked');
    deepEqual(
      declining.log.filter((l) => !l.startsWith('changed')),
      [],
      'turned down: no hooks',
    );
    deepEqual(declining.events, [], 'turned down: no events');
  });

  it('stops listening when its host disconnects, and listens again when it reconnects', async () => {
    const el = mount();
    el.remove();
    equal(el.outbox.instance, getOutbox(), 'kept after disconnecting');
    let id: string | undefined;
    const delivered = outboxChange(() => id, 'delivered');
    id = (await getOutbox().enqueue({ ...FEEDBACK, body: { rating: 2, locale: 'fa' }, owner: el.owner })).id;
    await delivered;
    deepEqual(el.log, [], 'disconnected: not told');
    deepEqual(el.events, []);

    document.body.append(el);
    await el.outbox.send(FEEDBACK, { rating: 2, locale: 'fa' }, (item) => (el.item = item));
    await until(() => el.log.includes('settled delivered'), 5000, 'told again once reconnected');
    equal((await el.outbox.list()).length, 2);
  });

  it('tells its host when the Outbox loses its storage', async () => {
    const el = mount();
    deepEqual(el.log, [], 'storage works: nothing said on connecting');
    getOutbox().dispatchEvent(new CustomEvent('storage-error', { detail: { code: 'storage-unavailable' } }));
    deepEqual(el.log, ['storage failed']);
    el.remove();
    getOutbox().dispatchEvent(new CustomEvent('storage-error', { detail: { code: 'storage-unavailable' } }));
    deepEqual(el.log, ['storage failed'], 'not once disconnected');
  });
});
