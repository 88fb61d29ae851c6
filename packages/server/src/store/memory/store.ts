/**
 * A store in plain JavaScript objects: for tests, and for the demo's offline playground where the
 * real app runs in the browser behind msw. No Node built-ins.
 *
 * Atomicity: every method does its checks and writes synchronously, with no `await` in between,
 * so two requests racing with one idempotency key (or one new service id) cannot interleave.
 */
import {
  FEEDBACK_CATEGORIES,
  generateTrackingCode as defaultGenerateTrackingCode,
  type Clause,
  type FeedbackStatus,
} from '@nazar/protocol';
import {
  EMPTY_DISPOSITION_COUNTS,
  TRACKING_CODE_ATTEMPTS,
  generateCommentId as defaultGenerateCommentId,
  summarize,
  type CommentRecord,
  type CommentStats,
  type ConsultationChange,
  type ConsultationRecord,
  type CreateSubmissionResult,
  type CreateVoteResult,
  type FeedbackRecord,
  type IdempotencyInput,
  type NewComment,
  type NewFeedback,
  type NewService,
  type NewVote,
  type RatingSummary,
  type Service,
  type StatusUpdate,
  type Store,
  type StoreOptions,
  type StoredSubmission,
  type Submission,
  type TrackedSubmission,
  type VoteRecord,
} from '../store.js';
import { memoryAdminMethods } from './admin.js';
import { memoryPollMethods } from './polls.js';

export interface MemoryStoreOptions extends StoreOptions {
  /** Services to start with (e.g. the demo's, since msw sends no Origin to register them). */
  services?: readonly NewService[];
}

export interface MemoryStore extends Store {
  readonly kind: 'memory';
}

function copy<T>(value: T): T {
  return structuredClone(value);
}

/** A submission row with its kind-specific part (exactly one of `feedback`, `comment`, `vote`). */
type Row = StoredSubmission & { feedback?: NewFeedback; comment?: CommentRecord; vote?: VoteRecord };

type ConsultationState = Omit<ConsultationRecord, 'clauses' | 'finalClauses' | 'extensions'> & {
  clauses: Clause[];
  finalClauses: Clause[] | null;
  extensions: ConsultationRecord['extensions'];
};

/** Newest first: createdAt, then seq, descending. */
function newestFirst(a: CommentRecord, b: CommentRecord): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  return b.seq - a.seq;
}

export function createMemoryStore(options: MemoryStoreOptions = {}): MemoryStore {
  const now = options.now ?? (() => new Date());
  const makeCode = options.generateTrackingCode ?? (() => defaultGenerateTrackingCode());
  const makeCommentId = options.generateCommentId ?? defaultGenerateCommentId;
  const services = new Map<string, Service>();
  const rows: Row[] = [];
  const byKey = new Map<string, Row>();
  const byCode = new Map<string, Row>();
  const consultations = new Map<string, ConsultationState>();
  const comments = new Map<string, CommentRecord>(); // by public id
  const commentsOf = new Map<string, CommentRecord[]>(); // by consultation slug
  let nextId = 1;
  let nextConsultationId = 1;

  const stored = (r: Row): StoredSubmission => {
    const { feedback: _f, comment: _c, vote: _v, ...submission } = r;
    return copy(submission);
  };
  const publicPart = (r: Row): Submission => {
    const { feedback: _f, comment: _c, vote: _v, idempotencyKey: _k, requestHash: _h, ...submission } = r;
    return copy(submission);
  };
  const feedbackRecord = (r: Row): FeedbackRecord | null => {
    if (!r.feedback) return null;
    const { comment: _c, vote: _v, feedback, ...submission } = r;
    return copy({ ...submission, feedback });
  };

  function ensureServiceSync(input: NewService): { service: Service; created: boolean } {
    const existing = services.get(input.id);
    if (existing) return { service: copy(existing), created: false };
    const service: Service = {
      id: input.id,
      title: input.title,
      categories: [...(input.categories ?? FEEDBACK_CATEGORIES)],
      registeredOrigin: input.registeredOrigin ?? null,
      createdAt: now().toISOString(),
    };
    services.set(service.id, service);
    return { service: copy(service), created: true };
  }

  for (const s of options.services ?? []) ensureServiceSync(s);

  function freshCode(): string {
    for (let i = 0; i < TRACKING_CODE_ATTEMPTS; i++) {
      const candidate = makeCode();
      if (!byCode.has(candidate)) return candidate;
    }
    throw new Error('could not generate a unique tracking code');
  }

  function freshCommentId(): string {
    for (let i = 0; i < TRACKING_CODE_ATTEMPTS; i++) {
      const candidate = makeCommentId();
      if (!comments.has(candidate)) return candidate;
    }
    throw new Error('could not generate a unique comment id');
  }

  /** The idempotency check shared by every kind: a replay, a conflict, or null (a new key). */
  function existingFor(idempotency: IdempotencyInput): CreateSubmissionResult | null {
    const existing = byKey.get(idempotency.key);
    if (!existing) return null;
    return existing.requestHash === idempotency.requestHash
      ? { outcome: 'replayed', submission: stored(existing) }
      : { outcome: 'conflict', submission: stored(existing) };
  }

  function insertRow(row: Row): StoredSubmission {
    rows.push(row);
    byKey.set(row.idempotencyKey, row);
    byCode.set(row.trackingCode, row);
    return stored(row);
  }

  function createCommentSync(idempotency: IdempotencyInput, input: NewComment): CreateSubmissionResult {
    const existing = existingFor(idempotency);
    if (existing) return existing;
    if (!consultations.has(input.consultationSlug)) throw new Error(`unknown consultation ${input.consultationSlug}`);
    const code = freshCode();
    const status = input.moderation === 'post' ? 'published' : 'pending';
    const id = nextId++;
    origins.set(id, input.origin ?? null);
    const comment: CommentRecord = {
      id: freshCommentId(),
      seq: id,
      trackingCode: code,
      consultationSlug: input.consultationSlug,
      clauseId: input.clauseId,
      stance: input.stance,
      text: input.text,
      proposedText: input.proposedText,
      displayName: input.displayName,
      contact: input.contact === null ? null : { ...input.contact },
      locale: input.locale,
      moderation: input.moderation,
      status,
      rejectionReason: null,
      reply: null,
      disposition: null,
      createdAt: input.at,
      updatedAt: input.at,
    };
    comments.set(comment.id, comment);
    let list = commentsOf.get(input.consultationSlug);
    if (!list) commentsOf.set(input.consultationSlug, (list = []));
    list.push(comment);
    const submission = insertRow({
      id,
      kind: 'comment',
      idempotencyKey: idempotency.key,
      requestHash: idempotency.requestHash,
      trackingCode: code,
      status,
      answer: null,
      answeredAt: null,
      createdAt: input.at,
      updatedAt: input.at,
      comment,
    });
    return { outcome: 'created', submission };
  }

  /** Keeps the submission row in step with its comment. */
  function touchComment(comment: CommentRecord, at: string): void {
    comment.updatedAt = at;
    const row = byCode.get(comment.trackingCode)!;
    row.status = comment.status;
    row.updatedAt = at;
  }

  const polls = memoryPollMethods({
    existingFor,
    insertVote(idempotency, at, vote) {
      const code = freshCode();
      return insertRow({
        id: nextId++,
        kind: 'vote',
        idempotencyKey: idempotency.key,
        requestHash: idempotency.requestHash,
        trackingCode: code,
        status: 'received',
        answer: null,
        answeredAt: null,
        createdAt: at,
        updatedAt: at,
        vote: vote(code),
      });
    },
    voteByCode: (code) => byCode.get(code)?.vote,
  });

  /** Where each submission came from (by row id), and how each voter was identified. */
  const origins = new Map<number, string | null>();
  const voteTiers = new Map<number, string>();
  const withOrigin = async (result: Promise<CreateVoteResult>, vote: NewVote) => {
    const r = await result;
    if (r.outcome === 'created') {
      origins.set(r.submission.id, vote.origin ?? null);
      voteTiers.set(r.submission.id, vote.voter.tier);
    }
    return r;
  };
  const { allPolls: _allPolls, ...pollStoreMethods } = polls;
  const admin = memoryAdminMethods({
    services,
    hasConsultation: (slug) => consultations.has(slug),
    consultations: () => consultations.values(),
    polls: () => polls.allPolls(),
    *feedback() {
      for (const r of rows) if (r.feedback) yield { submission: stored(r), feedback: r.feedback, origin: origins.get(r.id) ?? null };
    },
    *comments() {
      for (const r of rows) if (r.comment) yield { comment: r.comment, origin: origins.get(r.id) ?? null };
    },
    *votes() {
      for (const r of rows)
        if (r.vote) yield { submission: stored(r), vote: r.vote, tier: voteTiers.get(r.id) ?? 'device', origin: origins.get(r.id) ?? null };
    },
  });

  const record = (c: ConsultationState): ConsultationRecord => copy(c);

  function change(slug: string, apply: (c: ConsultationState) => ConsultationChange | null): ConsultationChange {
    const c = consultations.get(slug);
    if (!c) return { outcome: 'not-found' };
    if (c.issuedAt !== null || c.withdrawnAt !== null) return { outcome: 'invalid-state', consultation: record(c) };
    return apply(c) ?? { outcome: 'ok', consultation: record(c) };
  }

  const store: MemoryStore = {
    kind: 'memory',

    async getService(id) {
      const s = services.get(id);
      return s ? copy(s) : null;
    },

    async ensureService(input) {
      return ensureServiceSync(input);
    },

    async listServices() {
      return [...services.values()].map(copy);
    },

    async countServices() {
      return services.size;
    },

    async findByIdempotencyKey(key) {
      const r = byKey.get(key);
      return r ? stored(r) : null;
    },

    async createFeedback(idempotency: IdempotencyInput, feedback: NewFeedback, at?: string): Promise<CreateSubmissionResult> {
      // Check and insert with no await in between: atomic on a single-threaded event loop.
      const existing = existingFor(idempotency);
      if (existing) return existing;
      if (!services.has(feedback.serviceId)) throw new Error(`unknown service ${feedback.serviceId}`);
      const code = freshCode();
      const when = at ?? now().toISOString();
      const { origin, ...fields } = feedback;
      const id = nextId++;
      origins.set(id, origin ?? null);
      const submission = insertRow({
        id,
        kind: 'feedback',
        idempotencyKey: idempotency.key,
        requestHash: idempotency.requestHash,
        trackingCode: code,
        status: 'received',
        answer: null,
        answeredAt: null,
        createdAt: when,
        updatedAt: when,
        feedback: copy(fields),
      });
      return { outcome: 'created', submission };
    },

    async ratingSummary(serviceId): Promise<RatingSummary> {
      const distribution: [number, number, number, number, number] = [0, 0, 0, 0, 0];
      for (const r of rows) {
        if (r.feedback?.serviceId === serviceId) distribution[r.feedback.rating - 1] += 1;
      }
      return summarize(distribution);
    },

    async findByTrackingCode(code): Promise<TrackedSubmission | null> {
      const r = byCode.get(code);
      if (!r || r.vote) return null;
      if (r.comment) {
        const c = r.comment;
        return {
          ...publicPart(r),
          kind: 'comment',
          status: c.status,
          subject: { type: 'consultation', slug: c.consultationSlug, clauseId: c.clauseId },
          rejectionReason: c.rejectionReason,
          reply: copy(c.reply),
          disposition: copy(c.disposition),
        };
      }
      const f = r.feedback!;
      const service = services.get(f.serviceId);
      return {
        ...publicPart(r),
        kind: 'feedback',
        status: r.status as FeedbackStatus,
        subject: { type: 'service', id: f.serviceId, title: service?.title ?? f.serviceId },
      };
    },

    async getFeedbackRecord(code) {
      const r = byCode.get(code);
      return r ? feedbackRecord(r) : null;
    },

    async updateSubmissionStatus(code, update: StatusUpdate) {
      const r = byCode.get(code);
      if (!r || r.kind !== 'feedback') return null;
      const at = now().toISOString();
      r.status = update.status;
      if (update.answer !== undefined) {
        r.answer = update.answer;
        r.answeredAt = update.answer === null ? null : at;
      }
      r.updatedAt = at;
      return publicPart(r);
    },

    async countSubmissions() {
      return rows.length;
    },

    // -------------------------------------------------------------------------------------------
    // Consultations

    async createConsultation(input) {
      const existing = consultations.get(input.slug);
      if (existing) return { created: false, consultation: record(existing) };
      const c: ConsultationState = {
        id: nextConsultationId++,
        slug: input.slug,
        title: input.title,
        summary: input.summary,
        kind: input.kind,
        issuingBody: input.issuingBody,
        opensAt: input.opensAt,
        closesAt: input.closesAt,
        moderation: input.moderation,
        createdAt: input.at,
        withdrawnAt: null,
        withdrawalReason: null,
        issuedAt: null,
        outcomeSummary: null,
        clauses: input.clauses.map((cl, i) => ({ id: cl.id, number: i + 1, heading: cl.heading, text: cl.text })),
        finalClauses: null,
        extensions: [],
      };
      consultations.set(c.slug, c);
      return { created: true, consultation: record(c) };
    },

    async getConsultation(slug) {
      const c = consultations.get(slug);
      return c ? record(c) : null;
    },

    async countConsultations() {
      return consultations.size;
    },

    async extendConsultation(slug, input) {
      return change(slug, (c) => {
        if (Date.parse(input.closesAt) <= Date.parse(c.closesAt)) return { outcome: 'not-forward', consultation: record(c) };
        c.extensions.push({ previousClosesAt: c.closesAt, closesAt: input.closesAt, reason: input.reason, at: input.at });
        c.closesAt = input.closesAt;
        return null;
      });
    },

    async withdrawConsultation(slug, input) {
      return change(slug, (c) => {
        c.withdrawnAt = input.at;
        c.withdrawalReason = input.reason;
        return null;
      });
    },

    async issueConsultation(slug, input) {
      return change(slug, (c) => {
        if (Date.parse(c.closesAt) > Date.parse(input.at)) return { outcome: 'invalid-state', consultation: record(c) };
        const published = (commentsOf.get(slug) ?? []).filter((k) => k.status === 'published');
        const given = new Map(input.dispositions.map((d) => [d.commentId, d]));
        const publishedIds = new Set(published.map((k) => k.id));
        const unknown = [...given.keys()].filter((id) => !publishedIds.has(id));
        if (unknown.length > 0) return { outcome: 'unknown-comments', commentIds: unknown };
        const missing = published.filter((k) => !given.has(k.id)).map((k) => k.id);
        if (missing.length > 0) return { outcome: 'missing-dispositions', commentIds: missing };
        for (const k of published) {
          const d = given.get(k.id)!;
          k.disposition = { outcome: d.outcome, reason: d.reason };
          touchComment(k, input.at);
        }
        c.issuedAt = input.at;
        c.outcomeSummary = input.summary;
        c.finalClauses = input.clauses.map((cl) => ({ ...cl }));
        return null;
      });
    },

    // -------------------------------------------------------------------------------------------
    // Comments

    async createComment(idempotency, comment) {
      return createCommentSync(idempotency, comment);
    },

    async createComments(items) {
      return items.map((item) => createCommentSync(item.idempotency, item.comment));
    },

    async getComment(id) {
      const c = comments.get(id);
      return c ? copy(c) : null;
    },

    async getCommentByTrackingCode(code) {
      const c = byCode.get(code)?.comment;
      return c ? copy(c) : null;
    },

    async listComments(slug, query) {
      if (!consultations.has(slug)) return null;
      const out: CommentRecord[] = [];
      const before = query.before ?? null;
      for (const c of commentsOf.get(slug) ?? []) {
        if (query.status !== undefined && c.status !== query.status) continue;
        if (query.clauseId !== undefined && c.clauseId !== query.clauseId) continue;
        if (before !== null && !(c.createdAt < before.createdAt || (c.createdAt === before.createdAt && c.seq < before.seq))) continue;
        out.push(c);
      }
      return out.sort(newestFirst).slice(0, query.limit).map(copy);
    },

    async commentStats(slug): Promise<CommentStats> {
      const counts = new Map<string, CommentStats['byClause'][number]>();
      const dispositions = { ...EMPTY_DISPOSITION_COUNTS };
      for (const c of commentsOf.get(slug) ?? []) {
        if (c.status !== 'published') continue;
        const key = `${c.clauseId ?? ''}\u0000${c.stance}`;
        const entry = counts.get(key);
        if (entry) entry.count++;
        else counts.set(key, { clauseId: c.clauseId, stance: c.stance, count: 1 });
        if (c.disposition) dispositions[c.disposition.outcome]++;
      }
      return { byClause: [...counts.values()], dispositions };
    },

    async moderateComment(id, input) {
      const c = comments.get(id);
      if (!c) return { outcome: 'not-found' };
      if (consultations.get(c.consultationSlug)?.issuedAt != null) return { outcome: 'invalid-state', comment: copy(c) };
      c.status = input.status;
      c.rejectionReason = input.status === 'rejected' ? input.reason : null;
      touchComment(c, input.at);
      return { outcome: 'ok', comment: copy(c) };
    },

    async replyToComment(id, input) {
      const c = comments.get(id);
      if (!c) return null;
      c.reply = { text: input.text, at: input.at };
      touchComment(c, input.at);
      return copy(c);
    },

    ...pollStoreMethods,
    ...admin,
    // Votes: as the poll methods do, plus where each came from (no await between check and insert there).
    createVote: (idempotency, vote) => withOrigin(polls.createVote(idempotency, vote), vote),
    createVotes: async (items) => {
      const results = await polls.createVotes(items);
      results.forEach((r, i) => void withOrigin(Promise.resolve(r), items[i].vote));
      return results;
    },

    async close() {},
  };
  return store;
}
