/**
 * The inputs the store contract's cases (and the SQLite store's own tests) build on: a feedback,
 * a consultation with two clauses and a comment on it, a four-option poll and a vote in it.
 */
import type { NewComment, NewConsultation, NewFeedback, NewPoll, NewVote } from '../../src/store/store.js';

export const feedback = (overrides: Partial<NewFeedback> = {}): NewFeedback => ({
  serviceId: 'svc',
  rating: 4,
  categories: ['speed'],
  text: 'خوب بود',
  contact: { kind: 'mobile', value: '09151234567' },
  locale: 'fa',
  ...overrides,
});

export const T0 = Date.parse('2026-03-01T08:00:00.000Z');
export const DAY = 86_400_000;
export const iso = (ms: number) => new Date(ms).toISOString();

export const consultation = (overrides: Partial<NewConsultation> = {}): NewConsultation => ({
  slug: 'draft',
  title: 'پیش‌نویس',
  summary: 'خلاصه',
  kind: 'regulation',
  issuingBody: 'فرمانداری',
  opensAt: iso(T0),
  closesAt: iso(T0 + 14 * DAY),
  moderation: 'pre',
  clauses: [
    { id: 'c1', heading: 'هدف', text: 'یک' },
    { id: 'c2', heading: null, text: 'دو' },
  ],
  at: iso(T0 - DAY),
  ...overrides,
});

export const newComment = (overrides: Partial<NewComment> = {}): NewComment => ({
  consultationSlug: 'draft',
  clauseId: 'c1',
  stance: 'support',
  text: 'موافقم',
  proposedText: null,
  displayName: 'علی',
  contact: { kind: 'mobile', value: '09151234567' },
  locale: 'fa',
  moderation: 'pre',
  at: iso(T0 + DAY),
  ...overrides,
});

let n = 0;
export const idem = () => ({ key: `store-key-${++n}-xxxx`, requestHash: `h${n}` });

let pollSerial = 0;
export function newPoll(overrides: Partial<NewPoll> = {}): NewPoll {
  return {
    slug: `poll-${++pollSerial}`,
    question: 'کدام؟',
    description: null,
    options: ['الف', 'ب', 'پ', 'ت'].map((label, i) => ({ id: `o${i + 1}`, label })),
    mode: 'multiple',
    maxChoices: 4,
    opensAt: iso(T0 - DAY),
    closesAt: iso(T0 + DAY),
    resultsVisibility: 'always',
    at: iso(T0 - DAY),
    ...overrides,
  };
}

export const voteOf = (pollSlug: string, voter: string, optionIds: string[]): NewVote => ({
  pollSlug,
  optionIds,
  voter: { hash: `hash-${voter}`, tier: 'device' },
  at: iso(T0),
});
