import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { recentWeeks, weekStartOf } from './weeks.js';

describe('ISO weeks in UTC', () => {
  it('start on the Monday on or before the day', () => {
    assert.equal(weekStartOf('2026-03-02'), '2026-03-02'); // a Monday
    assert.equal(weekStartOf('2026-03-08T23:59:59.999Z'), '2026-03-02'); // the Sunday after
    assert.equal(weekStartOf('2026-03-09T00:00:00.000Z'), '2026-03-09');
    assert.equal(weekStartOf('2027-01-01'), '2026-12-28'); // across a year
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }), (t) => {
        const day = new Date(t).toISOString();
        const start = weekStartOf(day);
        const ms = t - Date.parse(`${start}T00:00:00.000Z`);
        return new Date(`${start}T00:00:00.000Z`).getUTCDay() === 1 && ms >= 0 && ms < 7 * 86_400_000;
      }),
    );
  });

  it('the last N, oldest first, the current one last, with their bounds', () => {
    const w = recentWeeks(new Date('2026-03-04T08:00:00.000Z'), 3);
    assert.deepEqual(w, {
      starts: ['2026-02-16', '2026-02-23', '2026-03-02'],
      from: '2026-02-16T00:00:00.000Z',
      to: '2026-03-09T00:00:00.000Z',
    });
    assert.deepEqual(recentWeeks(new Date('2026-03-02T00:00:00.000Z'), 1).starts, ['2026-03-02']);
  });
});
