/**
 * The admin route tables, without zod: the console imports them (and admin-limits.ts) and so
 * never builds the admin schemas. The schemas' modules re-export these.
 */
const seg = encodeURIComponent;
const groupPath = (slug: string, id: string, action: string) => `/v1/admin/consultations/${seg(slug)}/groups/${seg(id)}/${action}`;

/** The admin route table (see ROUTES for the public one). */
export const ADMIN_ROUTES = {
  createConsultation: { method: 'POST', pattern: '/v1/admin/consultations', path: () => '/v1/admin/consultations' },
  consultations: {
    method: 'GET',
    pattern: '/v1/admin/consultations',
    path: (query: { status?: string | null; cursor?: string | null } = {}) => {
      const params = new URLSearchParams();
      if (query.status) params.set('status', query.status);
      if (query.cursor) params.set('cursor', query.cursor);
      const qs = params.toString();
      return `/v1/admin/consultations${qs ? `?${qs}` : ''}`;
    },
  },
  consultation: { method: 'GET', pattern: '/v1/admin/consultations/:slug', path: (slug: string) => `/v1/admin/consultations/${seg(slug)}` },
  extend: {
    method: 'POST',
    pattern: '/v1/admin/consultations/:slug/extend',
    path: (slug: string) => `/v1/admin/consultations/${seg(slug)}/extend`,
  },
  withdraw: {
    method: 'POST',
    pattern: '/v1/admin/consultations/:slug/withdraw',
    path: (slug: string) => `/v1/admin/consultations/${seg(slug)}/withdraw`,
  },
  issue: {
    method: 'POST',
    pattern: '/v1/admin/consultations/:slug/issue',
    path: (slug: string) => `/v1/admin/consultations/${seg(slug)}/issue`,
  },
  comments: {
    method: 'GET',
    pattern: '/v1/admin/consultations/:slug/comments',
    path: (slug: string, query: { status?: string | null; clause?: string | null; cursor?: string | null; limit?: number } = {}) => {
      const params = new URLSearchParams();
      if (query.status) params.set('status', query.status);
      if (query.clause) params.set('clause', query.clause);
      if (query.cursor) params.set('cursor', query.cursor);
      if (query.limit !== undefined) params.set('limit', String(query.limit));
      const qs = params.toString();
      return `/v1/admin/consultations/${seg(slug)}/comments${qs ? `?${qs}` : ''}`;
    },
  },
  approve: { method: 'POST', pattern: '/v1/admin/comments/:id/approve', path: (id: string) => `/v1/admin/comments/${seg(id)}/approve` },
  reject: { method: 'POST', pattern: '/v1/admin/comments/:id/reject', path: (id: string) => `/v1/admin/comments/${seg(id)}/reject` },
  reply: { method: 'POST', pattern: '/v1/admin/comments/:id/reply', path: (id: string) => `/v1/admin/comments/${seg(id)}/reply` },
  createPoll: { method: 'POST', pattern: '/v1/admin/polls', path: () => '/v1/admin/polls' },
  polls: {
    method: 'GET',
    pattern: '/v1/admin/polls',
    path: (query: { cursor?: string | null } = {}) => `/v1/admin/polls${query.cursor ? `?cursor=${seg(query.cursor)}` : ''}`,
  },
  poll: { method: 'GET', pattern: '/v1/admin/polls/:slug', path: (slug: string) => `/v1/admin/polls/${seg(slug)}` },
  closePoll: { method: 'POST', pattern: '/v1/admin/polls/:slug/close', path: (slug: string) => `/v1/admin/polls/${seg(slug)}/close` },
} as const;

/** The operations admin routes (see ADMIN_ROUTES for consultations, moderation and polls). */
export const ADMIN_OPS_ROUTES = {
  me: { method: 'GET', pattern: '/v1/admin/me', path: () => '/v1/admin/me' },
  overview: {
    method: 'GET',
    pattern: '/v1/admin/overview',
    path: (query: { weeks?: number } = {}) => `/v1/admin/overview${query.weeks !== undefined ? `?weeks=${query.weeks}` : ''}`,
  },
  tokens: { method: 'GET', pattern: '/v1/admin/tokens', path: () => '/v1/admin/tokens' },
  createToken: { method: 'POST', pattern: '/v1/admin/tokens', path: () => '/v1/admin/tokens' },
  revokeToken: { method: 'POST', pattern: '/v1/admin/tokens/:id/revoke', path: (id: string) => `/v1/admin/tokens/${seg(id)}/revoke` },
  sites: { method: 'GET', pattern: '/v1/admin/sites', path: () => '/v1/admin/sites' },
  putSite: { method: 'PUT', pattern: '/v1/admin/sites/:id', path: (id: string) => `/v1/admin/sites/${seg(id)}` },
  deleteSite: { method: 'DELETE', pattern: '/v1/admin/sites/:id', path: (id: string) => `/v1/admin/sites/${seg(id)}` },
  services: { method: 'GET', pattern: '/v1/admin/services', path: () => '/v1/admin/services' },
  putService: { method: 'PUT', pattern: '/v1/admin/services/:id', path: (id: string) => `/v1/admin/services/${seg(id)}` },
  serviceStats: {
    method: 'GET',
    pattern: '/v1/admin/services/:id/stats',
    path: (id: string, query: { weeks?: number } = {}) =>
      `/v1/admin/services/${seg(id)}/stats${query.weeks !== undefined ? `?weeks=${query.weeks}` : ''}`,
  },
  moderation: { method: 'GET', pattern: '/v1/admin/comments', path: (query = '') => `/v1/admin/comments${query}` },
  feedback: { method: 'GET', pattern: '/v1/admin/feedback', path: (query = '') => `/v1/admin/feedback${query}` },
  feedbackStatus: {
    method: 'POST',
    pattern: '/v1/admin/feedback/:code/status',
    path: (code: string) => `/v1/admin/feedback/${seg(code)}/status`,
  },
  export: {
    method: 'GET',
    pattern: '/v1/admin/exports/:kind',
    path: (kind: string, query = '') => `/v1/admin/exports/${seg(kind)}${query}`,
  },
  audit: { method: 'GET', pattern: '/v1/admin/audit', path: (query = '') => `/v1/admin/audit${query}` },
} as const;

/** The group routes (moderators act; every role reads). */
export const ADMIN_GROUP_ROUTES = {
  groups: {
    method: 'GET',
    pattern: '/v1/admin/consultations/:slug/groups',
    path: (slug: string, query: { all?: boolean } = {}) => `/v1/admin/consultations/${seg(slug)}/groups${query.all ? '?all=1' : ''}`,
  },
  approveGroup: {
    method: 'POST',
    pattern: '/v1/admin/consultations/:slug/groups/:group/approve',
    path: (slug: string, id: string) => groupPath(slug, id, 'approve'),
  },
  rejectGroup: {
    method: 'POST',
    pattern: '/v1/admin/consultations/:slug/groups/:group/reject',
    path: (slug: string, id: string) => groupPath(slug, id, 'reject'),
  },
  replyGroup: {
    method: 'POST',
    pattern: '/v1/admin/consultations/:slug/groups/:group/reply',
    path: (slug: string, id: string) => groupPath(slug, id, 'reply'),
  },
  answerFeedbackGroup: {
    method: 'POST',
    pattern: '/v1/admin/feedback/groups/:group/answer',
    path: (id: string) => `/v1/admin/feedback/groups/${seg(id)}/answer`,
  },
  feedbackGroups: {
    method: 'GET',
    pattern: '/v1/admin/feedback/groups',
    path: (query: { service?: string | null } = {}) => `/v1/admin/feedback/groups${query.service ? `?service=${seg(query.service)}` : ''}`,
  },
} as const;
