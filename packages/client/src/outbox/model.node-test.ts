/**
 * The Outbox against a simulated world (outbox-sim.ts), in Node: at least 10,000 random fault
 * schedules per run. Run with
 *   node --import tsx --test packages/client/src/*.node-test.ts
 * OUTBOX_MODEL_RUNS overrides the number of schedules; OUTBOX_MODEL_SEED, OUTBOX_MODEL_PATH and
 * OUTBOX_MODEL_REPLAY (the commands' replayPath), all printed on failure, replay a failing schedule.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { FAULTS, memoryDisk, newStats, outboxProperty, type Stats } from '@nazar/testing/outbox-sim';

const drain = () => new Promise<void>((resolve) => setImmediate(resolve));
const RUNS = Number(process.env.OUTBOX_MODEL_RUNS ?? 10_000);
const SEED = process.env.OUTBOX_MODEL_SEED === undefined ? undefined : Number(process.env.OUTBOX_MODEL_SEED);

function report(stats: Stats): string {
  const faults = FAULTS.map((f) => `${f} ${stats.faults[f]}`).join(', ');
  return (
    `schedules ${stats.schedules}, commands ${stats.commands}, steps ${stats.steps}, tabs opened ${stats.tabsOpened}; ` +
    `items saved ${stats.itemsSaved}, delivered ${stats.itemsDelivered}, refused for good ${stats.itemsRefused}, resent ${stats.itemsResent}, discarded ${stats.itemsDiscarded}; ` +
    `lost ${stats.lost}, duplicated ${stats.duplicated}, memory-only (storage-error shown) gone with their tab ${stats.memoryOnlyLostWithTab}; ` +
    `faults: ${faults}`
  );
}

test(`Outbox model: ${RUNS} fault schedules, nothing lost, nothing twice, nothing stuck`, async (t) => {
  const stats = newStats();
  const started = Date.now();
  const result = await fc.check(
    outboxProperty({ stats, disk: () => memoryDisk(), drain, powerCut: true, quota: true, replayPath: process.env.OUTBOX_MODEL_REPLAY }),
    {
      numRuns: RUNS,
      seed: SEED,
      path: process.env.OUTBOX_MODEL_PATH,
    },
  );
  if (result.failed) {
    assert.fail(
      `the invariant broke; replay with OUTBOX_MODEL_SEED=${result.seed} OUTBOX_MODEL_PATH="${result.counterexamplePath}" OUTBOX_MODEL_REPLAY="<replayPath below>":\n` +
        `${result.counterexample ? fc.stringify(result.counterexample) : ''}\n${(result.errorInstance as Error)?.message ?? result.errorInstance}`,
    );
  }
  t.diagnostic(`outbox model: ${report(stats)}; ${((Date.now() - started) / 1000).toFixed(1)} s`);
  assert.equal(stats.lost, 0);
  assert.equal(stats.duplicated, 0);
  assert.ok(stats.schedules >= RUNS);
  // Every kind of fault actually happened.
  for (const f of FAULTS) assert.ok(stats.faults[f] > 0, `no ${f} injected`);
});

// The checker itself: a world that breaks a guarantee must be caught.
test('the model catches a server that forgets idempotency keys (duplicates)', async () => {
  const stats = newStats();
  const result = await fc.check(
    outboxProperty({ stats, disk: () => memoryDisk(), drain, powerCut: false, quota: false, brokenServer: true }),
    {
      numRuns: 500,
      seed: 1,
    },
  );
  assert.ok(result.failed, 'a server without idempotency must produce a duplicate');
  assert.match(String(result.errorInstance), /committed \d+ times/);
});

test('the model catches writes that are not durable when acknowledged (loss in a power cut)', async () => {
  const stats = newStats();
  const result = await fc.check(
    outboxProperty({ stats, disk: () => memoryDisk({ brokenDurability: true }), drain, powerCut: true, quota: false }),
    { numRuns: 2000, seed: 1 },
  );
  assert.ok(result.failed, 'relaxed writes for new items must lose one in a power cut');
  assert.match(String(result.errorInstance), /lost|not in the store/);
});

// Schedules that once broke the invariant, replayed on every run (cheap: one schedule each).
const BROKE_ONCE = [
  {
    // A fix resent in one tab on memory, undone by another tab's later stamp on the refused version.
    why: 'two tabs on memory, a refused item fixed in one of them',
    seed: -1180350997,
    path: '6717:8:25:45:49:59:64:85:6:89:32:89:87:85:86:87:85:87:91:118:11:41:56:63:80:80:80:84:88:88:88:88:88:96:97:96:96',
    replayPath: '/////////N:/P',
  },
];

for (const schedule of BROKE_ONCE) {
  test(`the model holds on a schedule that once broke it: ${schedule.why}`, async () => {
    const stats = newStats();
    const property = outboxProperty({
      stats,
      disk: () => memoryDisk(),
      drain,
      powerCut: true,
      quota: true,
      replayPath: schedule.replayPath,
    });
    const result = await fc.check(property, { numRuns: RUNS, seed: schedule.seed, path: schedule.path });
    assert.ok(stats.schedules >= 1); // that schedule first, then (when it holds) fast-check's next few along the path
    assert.ok(!result.failed, String((result.errorInstance as Error)?.message ?? result.errorInstance));
  });
}
