/**
 * The model of `outbox-sim.ts` in real browsers, against real IndexedDB (strict and relaxed
 * transactions, key order, copies): fewer schedules than in Node (`outbox.model.node-test.ts`,
 * 10,000), no power cuts or full disks (those need the simulated disk), the rest the same.
 */
import fc from 'fast-check';
import { FAULTS, newStats, outboxProperty, type Disk } from '@nazar/testing/outbox-sim';
import type { OutboxItem } from './index.js';
import { createStrictStore, idbItemStore } from './item-store.js';
import { assert, equal, uniqueName } from '@nazar/testing/client-helpers';

const RUNS = 80;

/** Lets every pending microtask run: one round trip through a MessageChannel (a task). */
const { port1, port2 } = new MessageChannel();
const waiting: (() => void)[] = [];
port1.onmessage = () => waiting.shift()?.();
function drain(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    port2.postMessage(null);
  });
}

function idbDisk(): Disk {
  const name = uniqueName('model');
  const store = idbItemStore<OutboxItem>(createStrictStore(name));
  return {
    store,
    snapshot: () => store.all(),
    close: () =>
      new Promise<void>((resolve) => {
        const req = indexedDB.deleteDatabase(name); // our connection closes on versionchange
        req.onsuccess = req.onerror = req.onblocked = () => resolve();
      }),
  };
}

describe('Outbox model against real IndexedDB', () => {
  it(`${RUNS} fault schedules: nothing lost, nothing twice, nothing stuck`, async function () {
    this.timeout(180_000);
    const stats = newStats();
    const started = Date.now();
    const result = await fc.check(outboxProperty({ stats, disk: idbDisk, drain, powerCut: false, quota: false, maxCommands: 25 }), {
      numRuns: RUNS,
    });
    if (result.failed) {
      throw new Error(
        `the invariant broke (seed ${result.seed}, path "${result.counterexamplePath}"):\n` +
          `${result.counterexample ? fc.stringify(result.counterexample) : ''}\n${(result.errorInstance as Error)?.message ?? result.errorInstance}`,
      );
    }
    const faults = FAULTS.filter((f) => stats.faults[f])
      .map((f) => `${f} ${stats.faults[f]}`)
      .join(', ');
    console.log(
      `outbox model (IndexedDB, ${navigator.userAgent.match(/(Firefox|Chrome)\/\d+/)?.[0]}): schedules ${stats.schedules}, steps ${stats.steps}, ` +
        `items saved ${stats.itemsSaved}, delivered ${stats.itemsDelivered}, lost ${stats.lost}, duplicated ${stats.duplicated}; ${faults}; ` +
        `${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    equal(stats.lost, 0);
    equal(stats.duplicated, 0);
    assert(stats.schedules >= RUNS);
    assert(stats.itemsDelivered > RUNS, 'items were delivered');
  });
});
