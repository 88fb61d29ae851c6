/**
 * What the operations-grade admin API stores beyond the citizens' submissions: admin tokens
 * (hashed), county sites and their origins, which sites offer a service, the audit log, and the
 * listings officials work from (feedback inbox, moderation queue across consultations, exports).
 * Every store implements it (memory, SQLite, PostgreSQL). No Node built-ins.
 */
import type {
  CommentStatus,
  ConsultationKind,
  ConsultationStatus,
  FeedbackCategory,
  FeedbackStatus,
  ModerationMode,
  PollMode,
  ResultsVisibility,
  Stance,
} from '@nazar/protocol';
import type { CommentRecord, ContactInfo, Locale } from '../domain/records.js';

export const ROLES = ['admin', 'moderator', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export interface AdminToken {
  /** Public id (`tok_…`), part of the token itself; names the actor in the audit log. */
  id: string;
  name: string;
  role: Role;
  createdAt: string;
  /** The actor who created it (a token id, or `env` / `cli`). */
  createdBy: string | null;
  revokedAt: string | null;
}

export interface NewAdminToken {
  id: string;
  name: string;
  role: Role;
  /** SHA-256 (hex) of the whole token: the token itself is never stored. */
  hash: string;
  createdBy: string | null;
  at: string;
}

export interface Site {
  id: string;
  name: string;
  /** Exact origins (`https://county.example`) of the site's pages: they may embed the widgets. */
  origins: string[];
  createdAt: string;
  updatedAt: string;
}

export interface AuditActor {
  id: string;
  name: string;
  role: Role;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: AuditActor;
  /** e.g. `comment.reject`, `token.create`, `export.feedback`. */
  action: string;
  /** What it acted on (a slug, a comment id, a tracking code, a token id), or null. */
  target: string | null;
  /** A few facts about the action (never secrets or contact details). */
  detail: Record<string, unknown> | null;
}

/** A keyset position: strictly older than (createdAt, seq), newest first. */
export interface Before {
  createdAt: string;
  seq: number;
}

/** One feedback as the inbox shows it: everything, contact included (admin routes only). */
export interface FeedbackItem {
  seq: number;
  trackingCode: string;
  serviceId: string;
  serviceTitle: string;
  rating: number;
  categories: FeedbackCategory[];
  text: string | null;
  contact: ContactInfo | null;
  locale: Locale | null;
  status: FeedbackStatus;
  answer: string | null;
  answeredAt: string | null;
  /** The site (page origin) it was sent from, when known. */
  origin: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Date bounds are ISO instants: `from` inclusive, `to` exclusive. */
export interface FeedbackFilter {
  serviceId?: string;
  /** Only feedback sent from one of these origins (a site's). */
  origins?: readonly string[];
  status?: FeedbackStatus;
  rating?: number;
  /** Feedback that picked this category (among others). */
  category?: FeedbackCategory;
  /** Feedback whose text contains this, folded with `searchFold` (domain/search.ts). */
  text?: string;
  from?: string;
  to?: string;
  before?: Before | null;
  limit: number;
}

export interface AdminCommentRecord extends CommentRecord {
  origin: string | null;
}

export interface CommentFilter {
  consultationSlug?: string;
  /** Comments on consultations about this service. */
  serviceId?: string;
  /** null: comments on the whole draft. */
  clauseId?: string | null;
  stance?: Stance;
  status?: CommentStatus;
  /** Comments whose text or proposed wording contains this, folded with `searchFold`. */
  text?: string;
  origins?: readonly string[];
  from?: string;
  to?: string;
  before?: Before | null;
  limit: number;
}

/** One vote as exports show it: never the voter's key or its hash. */
export interface VoteItem {
  seq: number;
  trackingCode: string;
  pollSlug: string;
  optionIds: string[];
  voterTier: string;
  origin: string | null;
  createdAt: string;
}

export interface VoteFilter {
  pollSlug?: string;
  origins?: readonly string[];
  from?: string;
  to?: string;
  before?: Before | null;
  limit: number;
}

/** `listConsultations`: newest first (createdAt, then seq); `status` as `consultationStatus` computes it at `at`. */
export interface ConsultationListQuery {
  status?: ConsultationStatus;
  /** The instant the status is judged at (ISO). */
  at: string;
  before?: Before | null;
  limit: number;
}

/** Comments by moderation status. */
export interface StatusCounts {
  pending: number;
  published: number;
  rejected: number;
}

/** One consultation as the officials' list shows it (no clauses). */
export interface ConsultationListItem {
  seq: number;
  slug: string;
  title: string;
  kind: ConsultationKind;
  opensAt: string;
  closesAt: string;
  issuedAt: string | null;
  withdrawnAt: string | null;
  moderation: ModerationMode;
  createdAt: string;
  serviceId: string | null;
  /** Counted for the whole page by one grouped query. */
  counts: StatusCounts;
}

/** Every comment of one consultation counted by (clause, status, stance); clauseId null: the whole draft. */
export interface ConsultationBreakdown {
  serviceId: string | null;
  rows: { clauseId: string | null; status: CommentStatus; stance: Stance; count: number }[];
}

/** One poll as the officials' list shows it (no options; the voter count is the poll's counter). */
export interface PollListItem {
  seq: number;
  slug: string;
  question: string;
  mode: PollMode;
  resultsVisibility: ResultsVisibility;
  opensAt: string;
  closesAt: string;
  closedAt: string | null;
  createdAt: string;
  totalVoters: number;
}

/** What the console's first screen counts, at one instant. */
export interface OverviewCounts {
  /** Open at that instant, closing soonest first (at most `limit`). */
  openConsultations: { slug: string; title: string; closesAt: string }[];
  /** Comments waiting for moderation, of every consultation. */
  pendingComments: number;
  /** Feedback `received` or `in-progress`. */
  feedbackWaiting: number;
  /** Polls open at that instant. */
  activePolls: number;
}

/** Submissions of one kind created on one UTC day (`YYYY-MM-DD`). */
export interface DayCount {
  kind: 'feedback' | 'comment' | 'vote';
  day: string;
  count: number;
}

/** A service's feedback created on one UTC day: how many, and the sum of their ratings. */
export interface RatingDay {
  day: string;
  count: number;
  ratingSum: number;
}

export interface ServiceUpdate {
  title?: string;
  categories?: readonly FeedbackCategory[];
  /** Ids of the sites that offer the service. */
  siteIds?: readonly string[];
}

export interface AdminStore {
  createToken(input: NewAdminToken): Promise<AdminToken>;
  /** The token and its stored hash (for the constant-time check), revoked ones included. */
  getTokenWithHash(id: string): Promise<(AdminToken & { hash: string }) | null>;
  listTokens(): Promise<AdminToken[]>;
  /** Sets revokedAt (once); null for an unknown id. */
  revokeToken(id: string, at: string): Promise<AdminToken | null>;
  countActiveAdminTokens(): Promise<number>;

  /** Creates or replaces a site. */
  putSite(input: { id: string; name: string; origins: readonly string[]; at: string }): Promise<{ site: Site; created: boolean }>;
  listSites(): Promise<Site[]>;
  getSite(id: string): Promise<Site | null>;
  deleteSite(id: string): Promise<boolean>;

  /** Links a consultation to the service it concerns (null: none). False for an unknown slug. */
  setConsultationService(slug: string, serviceId: string | null): Promise<boolean>;
  /** Sites offering each service (by service id). */
  serviceSites(): Promise<Map<string, string[]>>;
  /** Changes a service's title, categories or sites; null when there is no such service. */
  updateService(id: string, update: ServiceUpdate): Promise<{ id: string } | null>;

  /** Newest first. */
  listFeedback(filter: FeedbackFilter): Promise<FeedbackItem[]>;
  /** Comments of every consultation (or one), newest first. */
  listAllComments(filter: CommentFilter): Promise<AdminCommentRecord[]>;
  /** Votes of every poll (or one), newest first. */
  listVotes(filter: VoteFilter): Promise<VoteItem[]>;

  /** Consultations newest first, with their comment counts (one grouped query for the page). */
  listConsultations(query: ConsultationListQuery): Promise<ConsultationListItem[]>;
  /** The service of a consultation and its comments counted by clause, status and stance; null for an unknown slug. */
  consultationBreakdown(slug: string): Promise<ConsultationBreakdown | null>;

  /** Polls newest first (createdAt, then seq). */
  listPolls(query: { before?: Before | null; limit: number }): Promise<PollListItem[]>;

  /** The first screen's counts at `at` (instant): each one an indexed COUNT, no rows loaded. */
  overviewCounts(query: { at: string; limit: number }): Promise<OverviewCounts>;
  /** Submissions per kind and UTC day created in [from, to): one grouped query. Days without any are absent. */
  activityPerDay(query: { from: string; to: string }): Promise<DayCount[]>;

  /** One service's feedback per UTC day created in [from, to): one grouped query. Days without any are absent. */
  ratingsPerDay(query: { serviceId: string; from: string; to: string }): Promise<RatingDay[]>;

  appendAudit(entry: Omit<AuditEntry, 'id'>): Promise<AuditEntry>;
  /** Newest first; `beforeId` pages. */
  listAudit(query: { beforeId?: number | null; limit: number }): Promise<AuditEntry[]>;
}
