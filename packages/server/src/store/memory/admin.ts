/**
 * The admin part of the memory store (see admin-store.ts): plain objects, no Node built-ins.
 * It reads the memory store's submissions through `MemoryAdminSources`.
 */
import type {
  AdminCommentRecord,
  AdminStore,
  AdminToken,
  AuditEntry,
  ConsultationBreakdown,
  ConsultationListItem,
  DayCount,
  FeedbackItem,
  PollListItem,
  RatingDay,
  Site,
  StatusCounts,
  VoteItem,
} from '../admin-store.js';
import {
  consultationStatus,
  pollStatus,
  type CommentRecord,
  type ConsultationRecord,
  type NewFeedback,
  type PollRecord,
  type Service,
  type StoredSubmission,
  type VoteRecord,
} from '../store.js';
import { searchFold } from '../../domain/search.js';

export interface MemoryAdminSources {
  services: Map<string, Service>;
  /** Every feedback submission with its kind-specific part and origin. */
  feedback(): Iterable<{ submission: StoredSubmission; feedback: NewFeedback; origin: string | null }>;
  comments(): Iterable<{ comment: CommentRecord; origin: string | null }>;
  hasConsultation(slug: string): boolean;
  /** Every consultation (live state: the caller copies what it keeps). */
  consultations(): Iterable<ConsultationRecord>;
  /** Every poll with its voter count (live state). */
  polls(): Iterable<{ record: PollRecord; totalVoters: number }>;
  votes(): Iterable<{ submission: StoredSubmission; vote: VoteRecord; tier: string; origin: string | null }>;
}

const copy = <T>(v: T): T => structuredClone(v);

/** Newest first by (createdAt, seq); keeps those strictly before `before`. */
function page<T extends { createdAt: string; seq: number }>(
  items: T[],
  before: { createdAt: string; seq: number } | null | undefined,
  limit: number,
): T[] {
  return items
    .filter((i) => !before || i.createdAt < before.createdAt || (i.createdAt === before.createdAt && i.seq < before.seq))
    .sort((a, b) => (a.createdAt !== b.createdAt ? (a.createdAt < b.createdAt ? 1 : -1) : b.seq - a.seq))
    .slice(0, limit);
}

export function memoryAdminMethods(src: MemoryAdminSources): AdminStore {
  const tokens = new Map<string, AdminToken & { hash: string }>();
  const sites = new Map<string, Site>();
  const siteIds = new Map<string, string[]>();
  const audit: AuditEntry[] = [];
  const consultationServices = new Map<string, string | null>();
  const strip = ({ hash: _h, ...t }: AdminToken & { hash: string }): AdminToken => copy(t);

  return {
    async createToken(t) {
      const token = { id: t.id, name: t.name, role: t.role, createdAt: t.at, createdBy: t.createdBy, revokedAt: null, hash: t.hash };
      tokens.set(t.id, token);
      return strip(token);
    },
    async getTokenWithHash(id) {
      const t = tokens.get(id);
      return t ? copy(t) : null;
    },
    async listTokens() {
      return [...tokens.values()].map(strip);
    },
    async revokeToken(id, at) {
      const t = tokens.get(id);
      if (!t) return null;
      t.revokedAt ??= at;
      return strip(t);
    },
    async countActiveAdminTokens() {
      return [...tokens.values()].filter((t) => t.role === 'admin' && t.revokedAt === null).length;
    },

    async putSite(input) {
      const existing = sites.get(input.id);
      const site: Site = {
        id: input.id,
        name: input.name,
        origins: [...input.origins],
        createdAt: existing?.createdAt ?? input.at,
        updatedAt: input.at,
      };
      sites.set(site.id, site);
      return { site: copy(site), created: !existing };
    },
    async listSites() {
      return [...sites.values()].sort((a, b) => (a.id < b.id ? -1 : 1)).map(copy);
    },
    async getSite(id) {
      const s = sites.get(id);
      return s ? copy(s) : null;
    },
    async deleteSite(id) {
      return sites.delete(id);
    },

    async setConsultationService(slug, serviceId) {
      if (!src.hasConsultation(slug)) return false;
      consultationServices.set(slug, serviceId);
      return true;
    },
    async serviceSites() {
      return new Map([...src.services.keys()].map((id) => [id, [...(siteIds.get(id) ?? [])]]));
    },
    async updateService(id, update) {
      const s = src.services.get(id);
      if (!s) return null;
      if (update.title !== undefined) s.title = update.title;
      if (update.categories !== undefined) s.categories = [...update.categories];
      if (update.siteIds !== undefined) siteIds.set(id, [...update.siteIds]);
      return { id };
    },

    async listFeedback(f) {
      const items: FeedbackItem[] = [];
      for (const { submission: s, feedback: fb, origin } of src.feedback()) {
        if (f.serviceId !== undefined && fb.serviceId !== f.serviceId) continue;
        if (f.origins !== undefined && (origin === null || !f.origins.includes(origin))) continue;
        if (f.status !== undefined && s.status !== f.status) continue;
        if (f.rating !== undefined && fb.rating !== f.rating) continue;
        if (f.category !== undefined && !fb.categories.includes(f.category)) continue;
        if (f.text !== undefined && !searchFold(fb.text ?? '').includes(f.text)) continue;
        if (f.from !== undefined && s.createdAt < f.from) continue;
        if (f.to !== undefined && s.createdAt >= f.to) continue;
        items.push({
          seq: s.id,
          trackingCode: s.trackingCode,
          serviceId: fb.serviceId,
          serviceTitle: src.services.get(fb.serviceId)?.title ?? fb.serviceId,
          rating: fb.rating,
          categories: [...fb.categories],
          text: fb.text,
          contact: fb.contact ? { ...fb.contact } : null,
          locale: fb.locale,
          status: s.status as FeedbackItem['status'],
          answer: s.answer,
          answeredAt: s.answeredAt,
          origin,
          createdAt: s.createdAt,
          updatedAt: s.updatedAt,
        });
      }
      return page(items, f.before, f.limit);
    },

    async listAllComments(f) {
      const items: AdminCommentRecord[] = [];
      for (const { comment: c, origin } of src.comments()) {
        if (f.consultationSlug !== undefined && c.consultationSlug !== f.consultationSlug) continue;
        if (f.serviceId !== undefined && (consultationServices.get(c.consultationSlug) ?? null) !== f.serviceId) continue;
        if (f.clauseId !== undefined && c.clauseId !== f.clauseId) continue;
        if (f.stance !== undefined && c.stance !== f.stance) continue;
        if (f.status !== undefined && c.status !== f.status) continue;
        if (f.text !== undefined && !searchFold(c.text).includes(f.text) && !searchFold(c.proposedText ?? '').includes(f.text)) continue;
        if (f.origins !== undefined && (origin === null || !f.origins.includes(origin))) continue;
        if (f.from !== undefined && c.createdAt < f.from) continue;
        if (f.to !== undefined && c.createdAt >= f.to) continue;
        items.push({ ...copy(c), origin });
      }
      return page(items, f.before, f.limit);
    },

    async listVotes(f) {
      const items: VoteItem[] = [];
      for (const { submission: s, vote: v, tier, origin } of src.votes()) {
        if (f.pollSlug !== undefined && v.pollSlug !== f.pollSlug) continue;
        if (f.origins !== undefined && (origin === null || !f.origins.includes(origin))) continue;
        if (f.from !== undefined && s.createdAt < f.from) continue;
        if (f.to !== undefined && s.createdAt >= f.to) continue;
        items.push({
          seq: s.id,
          trackingCode: s.trackingCode,
          pollSlug: v.pollSlug,
          optionIds: [...v.optionIds],
          voterTier: tier,
          origin,
          createdAt: s.createdAt,
        });
      }
      return page(items, f.before, f.limit);
    },

    async listConsultations(q) {
      const at = new Date(q.at);
      const counts = new Map<string, StatusCounts>();
      for (const { comment } of src.comments()) {
        const n = counts.get(comment.consultationSlug) ?? { pending: 0, published: 0, rejected: 0 };
        n[comment.status] += 1;
        counts.set(comment.consultationSlug, n);
      }
      const items: ConsultationListItem[] = [];
      for (const c of src.consultations()) {
        if (q.status !== undefined && consultationStatus(c, at) !== q.status) continue;
        items.push({
          seq: c.id,
          slug: c.slug,
          title: c.title,
          kind: c.kind,
          opensAt: c.opensAt,
          closesAt: c.closesAt,
          issuedAt: c.issuedAt,
          withdrawnAt: c.withdrawnAt,
          moderation: c.moderation,
          createdAt: c.createdAt,
          serviceId: consultationServices.get(c.slug) ?? null,
          counts: { ...(counts.get(c.slug) ?? { pending: 0, published: 0, rejected: 0 }) },
        });
      }
      return page(items, q.before, q.limit);
    },
    async consultationBreakdown(slug) {
      if (!src.hasConsultation(slug)) return null;
      const byKey = new Map<string, ConsultationBreakdown['rows'][number]>();
      for (const { comment: c } of src.comments()) {
        if (c.consultationSlug !== slug) continue;
        const key = `${c.clauseId ?? ''}|${c.status}|${c.stance}`;
        const row = byKey.get(key) ?? { clauseId: c.clauseId, status: c.status, stance: c.stance, count: 0 };
        row.count += 1;
        byKey.set(key, row);
      }
      return { serviceId: consultationServices.get(slug) ?? null, rows: [...byKey.values()] };
    },

    async listPolls(q) {
      const items: PollListItem[] = [];
      for (const { record: p, totalVoters } of src.polls()) {
        items.push({
          seq: p.id,
          slug: p.slug,
          question: p.question,
          mode: p.mode,
          resultsVisibility: p.resultsVisibility,
          opensAt: p.opensAt,
          closesAt: p.closesAt,
          closedAt: p.closedAt,
          createdAt: p.createdAt,
          totalVoters,
        });
      }
      return page(items, q.before, q.limit);
    },

    async overviewCounts(q) {
      const at = new Date(q.at);
      const open = [...src.consultations()]
        .filter((c) => consultationStatus(c, at) === 'open')
        .sort((a, b) => (a.closesAt !== b.closesAt ? (a.closesAt < b.closesAt ? -1 : 1) : a.id - b.id))
        .slice(0, q.limit)
        .map((c) => ({ slug: c.slug, title: c.title, closesAt: c.closesAt }));
      let pendingComments = 0;
      for (const { comment } of src.comments()) if (comment.status === 'pending') pendingComments++;
      let feedbackWaiting = 0;
      for (const { submission } of src.feedback())
        if (submission.status === 'received' || submission.status === 'in-progress') feedbackWaiting++;
      let activePolls = 0;
      for (const { record } of src.polls()) if (pollStatus(record, at) === 'open') activePolls++;
      return { openConsultations: open, pendingComments, feedbackWaiting, activePolls };
    },
    async activityPerDay(q) {
      const counts = new Map<string, DayCount>();
      const add = (kind: DayCount['kind'], createdAt: string) => {
        if (createdAt < q.from || createdAt >= q.to) return;
        const day = createdAt.slice(0, 10);
        const key = `${kind}|${day}`;
        const entry = counts.get(key) ?? { kind, day, count: 0 };
        entry.count += 1;
        counts.set(key, entry);
      };
      for (const { submission } of src.feedback()) add('feedback', submission.createdAt);
      for (const { comment } of src.comments()) add('comment', comment.createdAt);
      for (const { submission } of src.votes()) add('vote', submission.createdAt);
      return [...counts.values()];
    },

    async ratingsPerDay(q) {
      const days = new Map<string, RatingDay>();
      for (const { submission: s, feedback: fb } of src.feedback()) {
        if (fb.serviceId !== q.serviceId || s.createdAt < q.from || s.createdAt >= q.to) continue;
        const day = s.createdAt.slice(0, 10);
        const entry = days.get(day) ?? { day, count: 0, ratingSum: 0 };
        entry.count += 1;
        entry.ratingSum += fb.rating;
        days.set(day, entry);
      }
      return [...days.values()];
    },

    async appendAudit(e) {
      const entry: AuditEntry = { ...copy(e), id: audit.length + 1 };
      audit.push(entry);
      return copy(entry);
    },
    async listAudit(q) {
      return audit
        .filter((e) => q.beforeId == null || e.id < q.beforeId)
        .reverse()
        .slice(0, q.limit)
        .map(copy);
    },
  };
}
