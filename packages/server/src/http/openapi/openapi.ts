/**
 * The OpenAPI 3.1 document of the HTTP API, built from the zod schemas of `@nazar/protocol`
 * (zod's `toJSONSchema`, re-exported by the protocol package) and the prose of `openapi-prose.ts`.
 * Served at `GET /v1/openapi.json`; `scripts/gen-api-docs.ts` renders docs/api.md from it.
 * No Node built-ins (the app also runs in browsers).
 */
import {
  ADMIN_GROUP_ROUTES,
  ADMIN_OPS_ROUTES,
  ADMIN_ROUTES,
  CommentGroupList,
  FeedbackGroupAnswerRequest,
  FeedbackGroupList,
  GroupActionResult,
  AdminComment,
  AdminCommentPage,
  AdminConsultation,
  AdminConsultationPage,
  AdminFeedback,
  AdminFeedbackPage,
  AdminMe,
  AdminOverview,
  AdminPoll,
  AdminPollPage,
  AdminService,
  AdminServiceList,
  AdminTokenInfo,
  AuditPage,
  CommentAccepted,
  CommentPage,
  CommentSubmission,
  Consultation,
  CreateConsultationRequest,
  CreatedToken,
  CreatePollRequest,
  CreateTokenRequest,
  ExtendWindowRequest,
  FeedbackAccepted,
  FeedbackStatusRequest,
  FeedbackSubmission,
  Health,
  IDEMPOTENCY_KEY_HEADER,
  IssueRequest,
  ModerationPage,
  Poll,
  Problem,
  PutServiceRequest,
  PutSiteRequest,
  RejectCommentRequest,
  ReplyRequest,
  ROUTES,
  ServiceStats,
  ServiceSummary,
  SiteInfo,
  SiteList,
  TokenList,
  TrackingLookup,
  VOTER_KEY_HEADER,
  VoteAccepted,
  VoteSubmission,
  WithdrawRequest,
  toJSONSchema,
} from '@nazar/protocol';
import { requiredRole } from '../admin-auth.js';
import * as prose from './prose.js';

type AnySchema = Parameters<typeof toJSONSchema>[0];
type Json = Record<string, unknown>;

interface Op {
  method: string;
  pattern: string;
  tag: string;
  summary: string;
  description?: string;
  query?: { name: string; description: string }[];
  headers?: { name: string; required: boolean; description: string }[];
  body?: string;
  responses: Record<string, { description: string; schema?: string; content?: string }>;
}

/** Named schemas: requests are described as accepted (input), answers as sent (output). */
const REQUESTS: Record<string, unknown> = {
  FeedbackSubmission,
  CommentSubmission,
  VoteSubmission,
  CreateConsultationRequest,
  ExtendWindowRequest,
  WithdrawRequest,
  IssueRequest,
  RejectCommentRequest,
  ReplyRequest,
  CreatePollRequest,
  CreateTokenRequest,
  PutSiteRequest,
  PutServiceRequest,
  FeedbackStatusRequest,
};
const ANSWERS: Record<string, unknown> = {
  Health,
  ServiceSummary,
  FeedbackAccepted,
  TrackingLookup,
  Consultation,
  CommentPage,
  CommentAccepted,
  Poll,
  VoteAccepted,
  AdminComment,
  AdminCommentPage,
  AdminPoll,
  TokenList,
  CreatedToken,
  AdminTokenInfo,
  SiteList,
  SiteInfo,
  AdminServiceList,
  AdminService,
  ModerationPage,
  AdminFeedbackPage,
  AdminFeedback,
  AuditPage,
  AdminMe,
  AdminConsultationPage,
  AdminConsultation,
  AdminPollPage,
  AdminOverview,
  ServiceStats,
  CommentGroupList,
  GroupActionResult,
  FeedbackGroupList,
  FeedbackGroupAnswerRequest,
  Problem,
};

const PAGE = [{ name: 'cursor', description: 'the `nextCursor` of the previous page' }];
const f = (names: string[], extra: Record<string, string> = {}) =>
  names.map((name) => ({ name, description: extra[name] ?? FILTERS[name] ?? name }));
const FILTERS: Record<string, string> = {
  site: 'a site id: only submissions sent from its origins',
  service: 'a service id',
  consultation: 'a consultation slug',
  clause: 'a clause id, or `whole`: comments on the whole draft',
  stance: '`support`, `oppose` or `amend`',
  status: 'a status of the listed kind',
  poll: 'a poll slug',
  from: 'created at or after (ISO instant or date)',
  to: 'created before (ISO instant or date)',
  rating: 'a rating, 1–5 (feedback)',
  category: 'a category id: feedback that picked it (feedback)',
  q: 'text containing this (up to 200 characters; A–Z case-insensitive, ي/ى read as ی and ك as ک); comments: the text or the proposed wording',
};
const WEEKS = { name: 'weeks', description: 'how many ISO weeks (Monday to Sunday, UTC), the current one last: 1–104, default 12' };
const IDEMPOTENCY = [
  {
    name: IDEMPOTENCY_KEY_HEADER,
    required: true,
    description: '8–128 characters of `A–Z a–z 0–9 _ -` (a UUID), made when the citizen pressed send',
  },
];
const ok = (schema: string, description = 'OK') => ({ '200': { description, schema } });

const OPS: Op[] = [
  {
    method: 'GET',
    pattern: ROUTES.health.pattern,
    tag: 'Health',
    summary: 'Liveness',
    responses: {
      '200': { description: 'serving', schema: 'Health' },
      '503': { description: 'draining before shutdown', schema: 'Health' },
    },
  },
  {
    method: 'GET',
    pattern: '/readyz',
    tag: 'Health',
    summary: 'Readiness: the store answers',
    responses: {
      '200': { description: '`{ status: "ready", store }`' },
      '503': { description: '`{ status: "unavailable" | "draining", store }`' },
    },
  },
  {
    method: 'GET',
    pattern: '/v1/openapi.json',
    tag: 'Health',
    summary: 'This API as an OpenAPI 3.1 document',
    responses: { '200': { description: 'the document' } },
  },

  {
    method: 'GET',
    pattern: ROUTES.service.pattern,
    tag: 'Feedback',
    summary: "A service's feedback summary",
    responses: { ...ok('ServiceSummary') },
  },
  {
    method: 'POST',
    pattern: ROUTES.feedback.pattern,
    tag: 'Feedback',
    summary: 'Feedback on a service (rating 1–5, categories, text, private contact)',
    headers: IDEMPOTENCY,
    body: 'FeedbackSubmission',
    responses: {
      '201': { description: 'stored (also the replay of a used key, with `Idempotency-Replayed: true`)', schema: 'FeedbackAccepted' },
      '400': { description: '`validation`, `malformed-json`, `idempotency-key-required`', schema: 'Problem' },
      '403': { description: '`origin-not-allowed`', schema: 'Problem' },
      '404': { description: '`unknown-service`', schema: 'Problem' },
      '422': { description: '`idempotency-conflict`', schema: 'Problem' },
      '429': { description: '`rate-limited` (per client address)', schema: 'Problem' },
    },
  },

  {
    method: 'GET',
    pattern: ROUTES.consultation.pattern,
    tag: 'Draft consultations',
    summary: 'A draft, its window, status, counts and outcome',
    responses: { ...ok('Consultation'), '404': { description: '`not-found`', schema: 'Problem' } },
  },
  {
    method: 'GET',
    pattern: ROUTES.consultationEmbed.pattern,
    tag: 'Draft consultations',
    summary: "The draft's embed code: `<draft-consultation>` with the draft's opening inside (HTML, every text escaped)",
    query: [
      { name: 'clauses', description: 'how many clauses the opening carries: a number, or `all` (default 6)' },
      { name: 'lang', description: '`fa` (default), `en` or `bal` (Persian until translated)' },
    ],
    responses: {
      '200': { description: '`text/html; charset=utf-8`: paste it where the widget goes, under the loader', content: 'text/html' },
      '404': { description: '`not-found`', schema: 'Problem' },
    },
  },
  {
    method: 'GET',
    pattern: ROUTES.comments.pattern,
    tag: 'Draft consultations',
    summary: 'Published comments, newest first, 20 a page',
    query: [{ name: 'clause', description: FILTERS.clause }, ...PAGE],
    responses: ok('CommentPage'),
  },
  {
    method: 'POST',
    pattern: ROUTES.comment.pattern,
    tag: 'Draft consultations',
    summary: 'A comment on the whole draft or one clause',
    headers: IDEMPOTENCY,
    body: 'CommentSubmission',
    responses: {
      '201': { description: 'stored', schema: 'CommentAccepted' },
      '400': { description: '`validation`', schema: 'Problem' },
      '409': { description: '`closed`: outside the window', schema: 'Problem' },
      '422': { description: '`idempotency-conflict`', schema: 'Problem' },
      '429': { description: '`rate-limited`', schema: 'Problem' },
    },
  },
  {
    method: 'GET',
    pattern: ROUTES.tracking.pattern,
    tag: 'Draft consultations',
    summary: 'What became of a submission (any kind), by its tracking code',
    responses: {
      ...ok('TrackingLookup'),
      '400': { description: '`validation`: not a valid code', schema: 'Problem' },
      '404': { description: '`not-found`', schema: 'Problem' },
    },
  },
  {
    method: 'GET',
    pattern: ROUTES.report.pattern,
    tag: 'Draft consultations',
    summary: 'The public response-to-comments page of an issued consultation (HTML; `?lang=en` for English)',
    query: [{ name: 'lang', description: '`en` for English; Persian otherwise' }],
    responses: {
      '200': {
        description:
          "`text/html`: per clause the final text against the draft, published comments by stance, and each one's disposition, reason and reply; anchors `#clause-<id>` and `#comment-<id>` (the comment's public id, given to its author by the tracking lookup as `commentId`; no tracking code is ever on the page)",
        content: 'text/html',
      },
      '404': { description: '`text/html`: no such consultation, or not issued yet', content: 'text/html' },
    },
  },

  {
    method: 'GET',
    pattern: ROUTES.poll.pattern,
    tag: 'Polls',
    summary: 'A poll; results only when visible to this voter',
    headers: [{ name: VOTER_KEY_HEADER, required: false, description: "the device's voter key (for `voted` and `after-vote` results)" }],
    responses: { ...ok('Poll'), '404': { description: '`not-found`', schema: 'Problem' } },
  },
  {
    method: 'POST',
    pattern: ROUTES.vote.pattern,
    tag: 'Polls',
    summary: 'A vote',
    headers: IDEMPOTENCY,
    body: 'VoteSubmission',
    responses: {
      '201': { description: 'counted', schema: 'VoteAccepted' },
      '400': { description: '`validation`', schema: 'Problem' },
      '409': { description: '`closed`, `already-voted`', schema: 'Problem' },
      '422': { description: '`idempotency-conflict`', schema: 'Problem' },
      '429': { description: '`rate-limited` (per address and per voter key)', schema: 'Problem' },
    },
  },

  {
    ...ADMIN_ROUTES.createConsultation,
    tag: 'Admin API',
    summary: 'Create a consultation from its text (clauses), window and moderation mode',
    body: 'CreateConsultationRequest',
    responses: { '201': { description: 'created', schema: 'Consultation' } },
  },
  {
    ...ADMIN_ROUTES.extend,
    tag: 'Admin API',
    summary: "Extend a consultation's window (only forward)",
    body: 'ExtendWindowRequest',
    responses: ok('Consultation'),
  },
  {
    ...ADMIN_ROUTES.withdraw,
    tag: 'Admin API',
    summary: 'Withdraw a consultation',
    body: 'WithdrawRequest',
    responses: ok('Consultation'),
  },
  {
    ...ADMIN_ROUTES.issue,
    tag: 'Admin API',
    summary: 'Issue the final text with a summary and a disposition per published comment',
    body: 'IssueRequest',
    responses: ok('Consultation'),
  },
  {
    ...ADMIN_ROUTES.comments,
    tag: 'Admin API',
    summary: "A consultation's comments, any status, with contacts",
    query: [
      { name: 'status', description: '`pending`, `published` or `rejected`' },
      { name: 'clause', description: FILTERS.clause },
      ...PAGE,
      { name: 'limit', description: 'comments a page: 1–500, default 20 (the issue screen reads every published comment 500 at a time)' },
    ],
    responses: ok('AdminCommentPage'),
  },
  { ...ADMIN_ROUTES.approve, tag: 'Admin API', summary: 'Publish a comment', responses: ok('AdminComment') },
  {
    ...ADMIN_ROUTES.reject,
    tag: 'Admin API',
    summary: 'Reject a comment with a reason (shown via tracking)',
    body: 'RejectCommentRequest',
    responses: ok('AdminComment'),
  },
  {
    ...ADMIN_ROUTES.reply,
    tag: 'Admin API',
    summary: 'Reply to a comment (via tracking and, once published, in the widget)',
    body: 'ReplyRequest',
    responses: ok('AdminComment'),
  },
  {
    ...ADMIN_ROUTES.createPoll,
    tag: 'Admin API',
    summary: 'Create a poll',
    body: 'CreatePollRequest',
    responses: { '201': { description: 'created', schema: 'AdminPoll' } },
  },
  { ...ADMIN_ROUTES.poll, tag: 'Admin API', summary: 'A poll with its full results', responses: ok('AdminPoll') },
  { ...ADMIN_ROUTES.closePoll, tag: 'Admin API', summary: 'Close a poll early', responses: ok('AdminPoll') },

  { ...ADMIN_OPS_ROUTES.tokens, tag: 'Admin operations', summary: 'Admin tokens (never their secrets)', responses: ok('TokenList') },
  {
    ...ADMIN_OPS_ROUTES.createToken,
    tag: 'Admin operations',
    summary: 'Make a token; the answer shows it once',
    body: 'CreateTokenRequest',
    responses: { '201': { description: 'created', schema: 'CreatedToken' } },
  },
  { ...ADMIN_OPS_ROUTES.revokeToken, tag: 'Admin operations', summary: 'Revoke a token', responses: ok('AdminTokenInfo') },
  { ...ADMIN_OPS_ROUTES.sites, tag: 'Admin operations', summary: 'County sites and their origins', responses: ok('SiteList') },
  {
    ...ADMIN_OPS_ROUTES.putSite,
    tag: 'Admin operations',
    summary: 'Create or replace a site',
    body: 'PutSiteRequest',
    responses: { '200': { description: 'replaced', schema: 'SiteInfo' }, '201': { description: 'created', schema: 'SiteInfo' } },
  },
  {
    ...ADMIN_OPS_ROUTES.deleteSite,
    tag: 'Admin operations',
    summary: 'Remove a site (its origins stop getting CORS)',
    responses: { '204': { description: 'removed' } },
  },
  {
    ...ADMIN_OPS_ROUTES.services,
    tag: 'Admin operations',
    summary: 'Services with their sites, feedback count and mean',
    responses: ok('AdminServiceList'),
  },
  {
    ...ADMIN_OPS_ROUTES.putService,
    tag: 'Admin operations',
    summary: 'Create a service or change its title, categories or sites',
    body: 'PutServiceRequest',
    responses: { '200': { description: 'changed', schema: 'AdminService' }, '201': { description: 'created', schema: 'AdminService' } },
  },
  {
    ...ADMIN_OPS_ROUTES.moderation,
    tag: 'Admin operations',
    summary: 'The moderation queue across consultations',
    query: [
      ...f(['site', 'consultation', 'clause', 'stance', 'from', 'to', 'q'], {}),
      { name: 'service', description: 'a service id: comments on consultations about it' },
      { name: 'status', description: '`pending`, `published` or `rejected`' },
      ...PAGE,
    ],
    responses: ok('ModerationPage'),
  },
  {
    ...ADMIN_OPS_ROUTES.feedback,
    tag: 'Admin operations',
    summary: 'The feedback inbox',
    query: [
      ...f(['site', 'service', 'from', 'to', 'rating', 'category', 'q']),
      { name: 'status', description: '`received`, `in-progress`, `answered` or `closed`' },
      ...PAGE,
    ],
    responses: ok('AdminFeedbackPage'),
  },
  {
    ...ADMIN_OPS_ROUTES.feedbackStatus,
    tag: 'Admin operations',
    summary: "Move a feedback's status; `answered` with the answer the citizen sees",
    body: 'FeedbackStatusRequest',
    responses: { ...ok('AdminFeedback'), '409': { description: '`invalid-state`: not a permitted move', schema: 'Problem' } },
  },
  {
    ...ADMIN_OPS_ROUTES.export,
    tag: 'Admin operations',
    summary: 'Export comments, feedback, votes, or the console’s lists: consultations, polls, the audit log (CSV with a BOM, or JSON)',
    query: [
      { name: 'format', description: '`csv` (default) or `json`' },
      ...f(['site', 'service', 'consultation', 'clause', 'stance', 'status', 'poll', 'from', 'to', 'rating', 'category', 'q'], {
        status: 'comments, feedback or consultations: a status of that kind',
      }),
    ],
    responses: {
      '200': {
        description: '`text/csv; charset=utf-8` (BOM, CRLF) or `{ kind, exportedAt, filters, count, truncated, items }`',
        content: 'text/csv',
      },
    },
  },
  { ...ADMIN_OPS_ROUTES.audit, tag: 'Admin operations', summary: 'The audit log, newest first', query: PAGE, responses: ok('AuditPage') },

  { ...ADMIN_OPS_ROUTES.me, tag: 'Admin console', summary: 'Who the calling token is: id, name, role', responses: ok('AdminMe') },
  {
    ...ADMIN_ROUTES.consultations,
    tag: 'Admin console',
    summary: 'Consultations, newest first, with their status and comment counts',
    query: [{ name: 'status', description: '`scheduled`, `open`, `review`, `issued` or `withdrawn`' }, ...PAGE],
    responses: { ...ok('AdminConsultationPage'), '400': { description: '`validation`: `status`, `cursor`', schema: 'Problem' } },
  },
  {
    ...ADMIN_ROUTES.consultation,
    tag: 'Admin console',
    summary: 'A consultation as officials see it, with comment counts by clause, stance and status',
    responses: { ...ok('AdminConsultation'), '404': { description: '`not-found`', schema: 'Problem' } },
  },
  {
    ...ADMIN_ROUTES.polls,
    tag: 'Admin console',
    summary: 'Polls, newest first, with their status and voter count',
    query: PAGE,
    responses: { ...ok('AdminPollPage'), '400': { description: '`validation`: `cursor`', schema: 'Problem' } },
  },
  {
    ...ADMIN_OPS_ROUTES.overview,
    tag: 'Admin console',
    summary: 'The first screen: open consultations, what waits for officials, participation per week',
    query: [WEEKS],
    responses: { ...ok('AdminOverview'), '400': { description: '`validation`: `weeks`', schema: 'Problem' } },
  },
  {
    ...ADMIN_OPS_ROUTES.serviceStats,
    tag: 'Admin console',
    summary: "A service's rating distribution and its weekly trend (count and mean per ISO week)",
    query: [WEEKS],
    responses: {
      ...ok('ServiceStats'),
      '400': { description: '`validation`: `weeks`', schema: 'Problem' },
      '404': { description: '`not-found`: no such service', schema: 'Problem' },
    },
  },

  {
    ...ADMIN_GROUP_ROUTES.groups,
    tag: 'Admin groups',
    summary: 'Near-identical comments of a consultation, grouped as they arrive, largest first',
    query: [{ name: 'all', description: '`1`: every group, single comments included (default: groups of two or more)' }],
    responses: { ...ok('CommentGroupList'), '404': { description: '`not-found`', schema: 'Problem' } },
  },
  {
    ...ADMIN_GROUP_ROUTES.approveGroup,
    tag: 'Admin groups',
    summary: 'Publish every pending member of a group',
    responses: { ...ok('GroupActionResult'), '404': { description: '`not-found`: no such consultation or group', schema: 'Problem' } },
  },
  {
    ...ADMIN_GROUP_ROUTES.rejectGroup,
    tag: 'Admin groups',
    summary: 'Reject every pending member of a group with one reason (shown via tracking)',
    body: 'RejectCommentRequest',
    responses: { ...ok('GroupActionResult'), '400': { description: '`validation`: `reason`', schema: 'Problem' } },
  },
  {
    ...ADMIN_GROUP_ROUTES.replyGroup,
    tag: 'Admin groups',
    summary: 'One official reply to every member of a group that is not rejected',
    body: 'ReplyRequest',
    responses: { ...ok('GroupActionResult'), '400': { description: '`validation`: `text`', schema: 'Problem' } },
  },
  {
    ...ADMIN_GROUP_ROUTES.answerFeedbackGroup,
    tag: 'Admin groups',
    summary: "One status move and answer for every member of a service's group of near-identical suggestions",
    body: 'FeedbackGroupAnswerRequest',
    responses: {
      ...ok('GroupActionResult'),
      '400': { description: '`validation`: `status`, `answer` (required with `answered`)', schema: 'Problem' },
      '404': { description: '`not-found`: no such group for the service', schema: 'Problem' },
    },
  },
  {
    ...ADMIN_GROUP_ROUTES.feedbackGroups,
    tag: 'Admin groups',
    summary: "A service's suggestions with near-identical text, largest group first",
    query: [{ name: 'service', description: 'the service id (required)' }],
    responses: { ...ok('FeedbackGroupList'), '400': { description: '`validation`: `service`', schema: 'Problem' } },
  },
];

export const TAGS: { name: string; description: string }[] = [
  { name: 'Health', description: prose.HEALTH },
  { name: 'Feedback', description: prose.FEEDBACK },
  { name: 'Draft consultations', description: prose.CONSULTATIONS },
  { name: 'Polls', description: prose.POLLS },
  { name: 'Admin API', description: prose.ADMIN },
  { name: 'Admin operations', description: prose.ADMIN_OPS },
  { name: 'Admin console', description: prose.ADMIN_CONSOLE },
  { name: 'Admin groups', description: prose.ADMIN_GROUPS },
];

/** Sections after the routes (in `x-nazar-sections`, rendered at the end of docs/api.md). */
export const TRAILING_SECTIONS = [
  { title: 'Errors: RFC 9457 problem details', body: prose.ERRORS },
  { title: 'Tracking codes', body: prose.TRACKING_CODES },
  { title: 'CORS and security headers', body: prose.CORS },
];

function jsonSchema(schema: unknown, io: 'input' | 'output'): Json {
  const out = toJSONSchema(schema as AnySchema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Json;
  delete out.$schema;
  return out;
}

const toOpenApiPath = (pattern: string) => pattern.replace(/:([A-Za-z]+)/g, '{$1}');
const isAdmin = (pattern: string) => pattern.startsWith('/v1/admin');

export function buildOpenApi(version: string): Json {
  const schemas: Record<string, Json> = {};
  for (const [name, s] of Object.entries(REQUESTS)) schemas[name] = jsonSchema(s, 'input');
  for (const [name, s] of Object.entries(ANSWERS)) schemas[name] = jsonSchema(s, 'output');
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  const paths: Record<string, Record<string, Json>> = {};
  for (const op of OPS) {
    const path = toOpenApiPath(op.pattern);
    const parameters: Json[] = [];
    for (const m of op.pattern.matchAll(/:([A-Za-z]+)/g))
      parameters.push({ name: m[1], in: 'path', required: true, schema: { type: 'string' } });
    for (const q of op.query ?? [])
      parameters.push({ name: q.name, in: 'query', required: false, description: q.description, schema: { type: 'string' } });
    for (const h of op.headers ?? [])
      parameters.push({ name: h.name, in: 'header', required: h.required, description: h.description, schema: { type: 'string' } });
    const responses: Record<string, Json> = {};
    for (const [status, r] of Object.entries(op.responses)) {
      responses[status] = {
        description: r.description,
        ...(r.schema
          ? { content: { [r.schema === 'Problem' ? 'application/problem+json' : 'application/json']: { schema: ref(r.schema) } } }
          : {}),
        ...(r.content
          ? { content: { [r.content]: { schema: { type: 'string' } }, 'application/json': { schema: { type: 'object' } } } }
          : {}),
      };
    }
    responses.default = { description: 'a problem (see Errors)', content: { 'application/problem+json': { schema: ref('Problem') } } };
    const admin = isAdmin(op.pattern);
    (paths[path] ??= {})[op.method.toLowerCase()] = {
      tags: [op.tag],
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      operationId: `${op.method.toLowerCase()}${path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: ref(op.body) } } } } : {}),
      responses,
      ...(admin ? { security: [{ bearer: [] }], 'x-nazar-role': requiredRole(op.method, op.pattern.replace(/:([A-Za-z]+)/g, 'x')) } : {}),
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Nazar HTTP API', version, description: prose.INTRO },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    tags: TAGS,
    paths,
    components: {
      schemas,
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: '`NAZAR_ADMIN_TOKEN` or a token made with `POST /v1/admin/tokens` / `nazar-server token create`',
        },
      },
    },
    'x-nazar-sections': TRAILING_SECTIONS,
  };
}

/** Every route the app serves, as `METHOD pattern` (the tests check each is documented). */
export function documentedRoutes(): string[] {
  return OPS.map((op) => `${op.method} ${op.pattern}`);
}
