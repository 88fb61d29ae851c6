/**
 * A store in plain JavaScript objects: for tests, and for the demo's offline playground where the
 * real app runs in the browser behind msw. No Node built-ins.
 *
 * Atomicity: every method does its checks and writes synchronously, with no `await` in between,
 * so two requests racing with one idempotency key (or one new service id) cannot interleave.
 */
import { FEEDBACK_CATEGORIES, generateTrackingCode as defaultGenerateTrackingCode } from '@nazar/protocol';
import {
  TRACKING_CODE_ATTEMPTS,
  summarize,
  type CreateSubmissionResult,
  type FeedbackRecord,
  type IdempotencyInput,
  type NewFeedback,
  type NewService,
  type RatingSummary,
  type Service,
  type StatusUpdate,
  type Store,
  type StoreOptions,
  type StoredSubmission,
  type Submission,
  type TrackedSubmission,
} from './store.js';

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

export function createMemoryStore(options: MemoryStoreOptions = {}): MemoryStore {
  const now = options.now ?? (() => new Date());
  const makeCode = options.generateTrackingCode ?? (() => defaultGenerateTrackingCode());
  const services = new Map<string, Service>();
  const records: FeedbackRecord[] = [];
  const byKey = new Map<string, FeedbackRecord>();
  const byCode = new Map<string, FeedbackRecord>();
  let nextId = 1;

  const stored = (r: FeedbackRecord): StoredSubmission => {
    const { feedback: _feedback, ...submission } = r;
    return copy(submission);
  };
  const publicPart = (r: FeedbackRecord): Submission => {
    const { feedback: _f, idempotencyKey: _k, requestHash: _h, ...submission } = r;
    return copy(submission);
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

    async createFeedback(idempotency: IdempotencyInput, feedback: NewFeedback): Promise<CreateSubmissionResult> {
      // Check and insert with no await in between: atomic on a single-threaded event loop.
      const existing = byKey.get(idempotency.key);
      if (existing) {
        return existing.requestHash === idempotency.requestHash
          ? { outcome: 'replayed', submission: stored(existing) }
          : { outcome: 'conflict', submission: stored(existing) };
      }
      if (!services.has(feedback.serviceId)) throw new Error(`unknown service ${feedback.serviceId}`);
      let code: string | null = null;
      for (let i = 0; i < TRACKING_CODE_ATTEMPTS && code === null; i++) {
        const candidate = makeCode();
        if (!byCode.has(candidate)) code = candidate;
      }
      if (code === null) throw new Error('could not generate a unique tracking code');
      const at = now().toISOString();
      const record: FeedbackRecord = {
        id: nextId++,
        kind: 'feedback',
        idempotencyKey: idempotency.key,
        requestHash: idempotency.requestHash,
        trackingCode: code,
        status: 'received',
        answer: null,
        answeredAt: null,
        createdAt: at,
        updatedAt: at,
        feedback: copy(feedback),
      };
      records.push(record);
      byKey.set(record.idempotencyKey, record);
      byCode.set(record.trackingCode, record);
      return { outcome: 'created', submission: stored(record) };
    },

    async ratingSummary(serviceId): Promise<RatingSummary> {
      const distribution: [number, number, number, number, number] = [0, 0, 0, 0, 0];
      for (const r of records) {
        if (r.feedback.serviceId === serviceId) distribution[r.feedback.rating - 1]! += 1;
      }
      return summarize(distribution);
    },

    async findByTrackingCode(code): Promise<TrackedSubmission | null> {
      const r = byCode.get(code);
      if (!r) return null;
      const service = services.get(r.feedback.serviceId);
      return {
        ...publicPart(r),
        subject: { type: 'service', id: r.feedback.serviceId, title: service?.title ?? r.feedback.serviceId },
      };
    },

    async getFeedbackRecord(code) {
      const r = byCode.get(code);
      return r ? copy(r) : null;
    },

    async updateSubmissionStatus(code, update: StatusUpdate) {
      const r = byCode.get(code);
      if (!r) return null;
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
      return records.length;
    },

    async close() {},
  };
  return store;
}
