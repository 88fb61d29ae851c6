/**
 * The store contract's polls: creation, close, votes (idempotency first, then one vote per voter),
 * the counters against a full recount after many random votes (fast-check), the bulk path, and on
 * stores that keep their data, polls across a reopen (see `store-contract.ts`).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { DEMO_POLLS, seedPollVotes } from '../../src/demo/seed.js';
import type { NewVote, Store } from '../../src/store/store.js';
import type { StoreUnderTest } from '../support.js';
import { DAY, T0, iso, newPoll, voteOf } from './fixtures.js';
import type { ContractOptions, MakeStore } from './contract-options.js';

export function pollCases(makeStore: MakeStore, options: ContractOptions): void {
  describe('polls and votes', () => {
    let sut: StoreUnderTest;
    let store: Store;

    // One store for the file (each test makes its own polls): opening PostgreSQL schemas is slow.
    before(() => {
      sut = makeStore({ now: () => new Date(T0) });
      store = sut.store;
    });
    after(async () => {
      await sut.dispose();
    });

    it('creates a poll once per slug, keeps option order, counts polls', async () => {
      const before = await store.countPolls();
      const input = newPoll({ description: 'توضیح' });
      const first = await store.createPoll(input);
      assert.equal(first.created, true);
      assert.deepEqual(first.poll.options, input.options);
      assert.equal(first.poll.description, 'توضیح');
      assert.equal(first.poll.closedAt, null);
      assert.equal(first.poll.createdAt, input.at);
      const again = await store.createPoll({ ...input, question: 'دیگر' });
      assert.equal(again.created, false);
      assert.equal(again.poll.question, 'کدام؟');
      assert.deepEqual(await store.getPoll(input.slug), first.poll);
      assert.equal(await store.getPoll('nope'), null);
      assert.equal(await store.countPolls(), before + 1);
      assert.deepEqual(await store.pollResults(input.slug), { totalVoters: 0, counts: { o1: 0, o2: 0, o3: 0, o4: 0 } });
      assert.equal(await store.pollResults('nope'), null);
      assert.equal(await store.recountPoll('nope'), null);
    });

    it('closes a poll once', async () => {
      const { slug } = newPoll();
      await store.createPoll(newPoll({ slug }));
      const closed = await store.closePoll(slug, iso(T0));
      assert.equal(closed.outcome, 'ok');
      assert.equal(closed.outcome === 'ok' && closed.poll.closedAt, iso(T0));
      assert.equal((await store.closePoll(slug, iso(T0 + 1))).outcome, 'invalid-state');
      assert.equal((await store.getPoll(slug))?.closedAt, iso(T0));
      assert.equal((await store.closePoll('nope', iso(T0))).outcome, 'not-found');
    });

    it('a vote: the key first (replay, conflict), then one vote per voter; counters move with it', async () => {
      const { slug } = newPoll();
      await store.createPoll(newPoll({ slug }));
      const rows = await sut.countRows();
      const created = await store.createVote({ key: `${slug}-k1`, requestHash: 'h1' }, voteOf(slug, 'a', ['o3', 'o1']));
      assert.equal(created.outcome, 'created');
      assert.ok(created.outcome === 'created' && created.submission.kind === 'vote');
      const code = created.outcome === 'created' ? created.submission.trackingCode : '';
      // The same key from the same voter is a replay, not already-voted.
      const replay = await store.createVote({ key: `${slug}-k1`, requestHash: 'h1' }, voteOf(slug, 'a', ['o3', 'o1']));
      assert.equal(replay.outcome, 'replayed');
      assert.equal(replay.outcome === 'replayed' && replay.submission.trackingCode, code);
      assert.equal((await store.createVote({ key: `${slug}-k1`, requestHash: 'h2' }, voteOf(slug, 'b', ['o2']))).outcome, 'conflict');
      assert.equal((await store.createVote({ key: `${slug}-k2`, requestHash: 'h3' }, voteOf(slug, 'a', ['o2']))).outcome, 'already-voted');
      assert.equal(await sut.countRows(), rows + 1);
      assert.deepEqual(await store.getVoteByTrackingCode(code), {
        trackingCode: code,
        pollSlug: slug,
        optionIds: ['o1', 'o3'],
        createdAt: iso(T0),
      });
      assert.equal(await store.getVoteByTrackingCode('0000000000'), null);
      assert.equal(await store.findByTrackingCode(code), null, 'votes are not in the tracking lookup');
      assert.equal(await store.hasVoted(slug, 'hash-a'), true);
      assert.equal(await store.hasVoted(slug, 'hash-b'), false);
      assert.equal(await store.hasVoted('nope', 'hash-a'), false);
      const expected = { totalVoters: 1, counts: { o1: 1, o2: 0, o3: 1, o4: 0 } };
      assert.deepEqual(await store.pollResults(slug), expected);
      assert.deepEqual(await store.recountPoll(slug), expected);
    });

    it('keys are shared with every kind of submission', async () => {
      await store.ensureService({ id: 'svc', title: 'S' });
      const fb = await store.createFeedback(
        { key: 'shared-key-0001', requestHash: 'feedback' },
        { serviceId: 'svc', rating: 4, categories: [], text: null, contact: null, locale: null },
      );
      assert.equal(fb.outcome, 'created');
      const { slug } = newPoll();
      await store.createPoll(newPoll({ slug }));
      assert.equal(
        (await store.createVote({ key: 'shared-key-0001', requestHash: 'vote' }, voteOf(slug, 'x', ['o1']))).outcome,
        'conflict',
      );
      assert.equal(await store.hasVoted(slug, 'hash-x'), false);
    });

    it('refuses (throws) votes for unknown polls, unknown or repeated options, changing nothing', async () => {
      const { slug } = newPoll();
      await store.createPoll(newPoll({ slug }));
      const rows = await sut.countRows();
      await assert.rejects(store.createVote({ key: `${slug}-u1`, requestHash: 'h' }, voteOf('nope', 'a', ['o1'])));
      await assert.rejects(store.createVote({ key: `${slug}-u2`, requestHash: 'h' }, voteOf(slug, 'a', ['o1', 'o9'])));
      await assert.rejects(store.createVote({ key: `${slug}-u3`, requestHash: 'h' }, voteOf(slug, 'a', ['o1', 'o1'])));
      await assert.rejects(store.createVote({ key: `${slug}-u4`, requestHash: 'h' }, voteOf(slug, 'a', [])));
      assert.equal(await sut.countRows(), rows);
      assert.equal(await store.hasVoted(slug, 'hash-a'), false);
      assert.deepEqual(await store.pollResults(slug), { totalVoters: 0, counts: { o1: 0, o2: 0, o3: 0, o4: 0 } });
    });

    it('the bulk path: many votes in one call, the same rules', async () => {
      const { slug } = newPoll();
      await store.createPoll(newPoll({ slug }));
      const results = await store.createVotes([
        { idempotency: { key: `${slug}-b1`, requestHash: 'h' }, vote: voteOf(slug, 'a', ['o1']) },
        { idempotency: { key: `${slug}-b2`, requestHash: 'h' }, vote: voteOf(slug, 'b', ['o1', 'o2']) },
        { idempotency: { key: `${slug}-b3`, requestHash: 'h' }, vote: voteOf(slug, 'a', ['o4']) },
        { idempotency: { key: `${slug}-b1`, requestHash: 'h' }, vote: voteOf(slug, 'a', ['o1']) },
      ]);
      assert.deepEqual(
        results.map((r) => r.outcome),
        ['created', 'created', 'already-voted', 'replayed'],
      );
      assert.deepEqual(await store.pollResults(slug), { totalVoters: 2, counts: { o1: 2, o2: 1, o3: 0, o4: 0 } });
      // Demo data: seeded votes through the same path.
      const demo = DEMO_POLLS[1];
      const seeded = newPoll({ options: demo.options.map((label, i) => ({ id: `o${i + 1}`, label })), maxChoices: demo.maxChoices });
      await store.createPoll(seeded);
      const n = await seedPollVotes(store, seeded.slug, {
        count: 300,
        weights: demo.weights,
        maxChoices: 3,
        from: iso(T0 - DAY),
        to: iso(T0),
        batch: 150,
      });
      assert.equal(n, 300);
      const counted = (await store.pollResults(seeded.slug))!;
      assert.equal(counted.totalVoters, 300);
      assert.deepEqual(await store.recountPoll(seeded.slug), counted);
      const choices = Object.values(counted.counts).reduce((a, b) => a + b, 0);
      assert.ok(choices > 300 && choices <= 900, `between 1 and 3 choices each: ${choices}`);
    });

    it('counters equal a full recount and a model after many random votes (property)', async () => {
      const voters = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
      const action = fc.record({
        voter: fc.constantFrom(...voters),
        options: fc.uniqueArray(fc.constantFrom('o1', 'o2', 'o3', 'o4', 'o5'), { minLength: 1, maxLength: 5 }),
        key: fc.integer({ min: 0, max: 12 }),
        bulk: fc.boolean(),
      });
      await fc.assert(
        fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 40 }), async (actions) => {
          const poll = newPoll({ options: ['۱', '۲', '۳', '۴', '۵'].map((label, i) => ({ id: `o${i + 1}`, label })), maxChoices: 5 });
          await store.createPoll(poll);
          const model = {
            voters: new Set<string>(),
            keys: new Map<string, string>(),
            counts: { o1: 0, o2: 0, o3: 0, o4: 0, o5: 0 } as Record<string, number>,
          };
          const pending: { idempotency: { key: string; requestHash: string }; vote: NewVote }[] = [];
          const expectOutcome = (key: string, hash: string, voter: string, options: string[]): string => {
            const used = model.keys.get(key);
            if (used !== undefined) return used === hash ? 'replayed' : 'conflict';
            if (model.voters.has(voter)) return 'already-voted';
            model.keys.set(key, hash);
            model.voters.add(voter);
            for (const o of options) model.counts[o] += 1;
            return 'created';
          };
          const expected: string[] = [];
          const got: string[] = [];
          const flush = async () => {
            if (pending.length === 0) return;
            got.push(...(await store.createVotes(pending.splice(0))).map((r) => r.outcome));
          };
          for (const a of actions) {
            const key = `${poll.slug}-key-${a.key}`;
            const hash = `${a.voter}:${[...a.options].sort().join(',')}`;
            const item = { idempotency: { key, requestHash: hash }, vote: voteOf(poll.slug, a.voter, a.options) };
            expected.push(expectOutcome(key, hash, a.voter, a.options));
            if (a.bulk) pending.push(item);
            else {
              await flush();
              got.push((await store.createVote(item.idempotency, item.vote)).outcome);
            }
          }
          await flush();
          assert.deepEqual(got, expected);
          const counters = await store.pollResults(poll.slug);
          assert.deepEqual(counters, { totalVoters: model.voters.size, counts: model.counts });
          assert.deepEqual(await store.recountPoll(poll.slug), counters);
        }),
        { numRuns: options.propertyRuns ?? 60 },
      );
    });

    if (options.reopens) {
      it('keeps polls, votes and counters across close and reopen', async () => {
        const { slug } = newPoll();
        await store.createPoll(newPoll({ slug }));
        await store.createVote({ key: `${slug}-r1`, requestHash: 'h' }, voteOf(slug, 'a', ['o2']));
        store = await sut.reopen!();
        assert.deepEqual(await store.pollResults(slug), { totalVoters: 1, counts: { o1: 0, o2: 1, o3: 0, o4: 0 } });
        assert.equal(await store.hasVoted(slug, 'hash-a'), true);
        assert.equal((await store.createVote({ key: `${slug}-r2`, requestHash: 'h' }, voteOf(slug, 'a', ['o1']))).outcome, 'already-voted');
      });
    }
  });
}
