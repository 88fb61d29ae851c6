/**
 * The admin API's limits, roles and kinds, without zod (see admin-routes.ts); the schemas build on
 * them and re-export them.
 */

/**
 * The officials' API under `/v1/admin/*` (minimal for now: create, extend, withdraw, moderate,
 * reply, issue). Every route needs `Authorization: Bearer <token>`; admin answers carry no CORS
 * headers (officials' tools are same-origin). Not used by the widgets: bundlers drop this module.
 *
 * Text limits are in user-perceived characters (graphemes) after cleaning, checked by the
 * server; the schemas only bound the raw strings generously (×4).
 */
export const ADMIN_LIMITS = {
  title: 300,
  summary: 5000,
  issuingBody: 200,
  heading: 300,
  clauseText: 20000,
  clauses: 1000,
  reason: 2000,
  reply: 5000,
  outcomeSummary: 10000,
  dispositions: 100000,
  /** A poll's optional description (the question and option limits are in POLL_LIMITS). */
  pollDescription: 2000,
} as const;

/** Query filters shared by the lists and exports (each route takes the ones that apply). */
export const ADMIN_FILTERS = {
  site: 'a site id: only submissions sent from its origins',
  service: 'a service id (feedback)',
  consultation: 'a consultation slug (comments)',
  clause: 'a clause id, or `whole` for comments on the whole draft',
  stance: '`support`, `oppose` or `amend` (comments)',
  status: 'feedback: received, in-progress, answered, closed; comments: pending, published, rejected',
  poll: 'a poll slug (votes)',
  from: 'an ISO instant: created at or after',
  to: 'an ISO instant: created before',
  rating: 'a rating, 1 to 5 (feedback)',
  category: 'a category id: feedback that picked it (feedback)',
  q: 'a substring of the text, up to 200 characters, A-Z in any case, Arabic ي ى ك as Persian ی ک (feedback; comments: text or proposed wording)',
} as const;

/** `viewer` reads; `moderator` also moderates, replies and handles feedback; `admin` does everything. */
export const ADMIN_ROLES = ['admin', 'moderator', 'viewer'] as const;

export const ADMIN_OPS_LIMITS = { tokenName: 100, siteName: 200, origins: 50, serviceTitle: 200, answer: 5000, sites: 100 } as const;

/** What `/v1/admin/exports/:kind` exports: the records, and the console's lists (the audit log: admins only). */
export const EXPORT_KINDS = ['comments', 'feedback', 'votes', 'consultations', 'polls', 'audit'] as const;

/** `?weeks=` of the overview and a service's statistics: this many ISO weeks, the current one last. */
/** `commentsLimit`: the most `?limit=` may ask of a consultation's comments (the issue screen reads every published one). */
export const CONSOLE_LIMITS = { weeks: 104, defaultWeeks: 12, openConsultations: 100, q: 200, pageSize: 50, commentsLimit: 500 } as const;
