/**
 * Near-duplicate groups for moderators: a consultation's comments (and a service's suggestions)
 * grouped as they arrive (domain/near-duplicates.ts; comments only with comments of the same
 * stance), and one decision or one reply for every member of a group. Each consultation's index
 * lives with the app (`commentGroups`, shared with the public report) and only shingles comments
 * it has not seen; reading the list again each time keeps every member's status current.
 */
import { Hono, type Context } from 'hono';
import {
  ADMIN_GROUP_ROUTES,
  ADMIN_LIMITS,
  ADMIN_OPS_LIMITS,
  FeedbackGroupAnswerRequest,
  RejectCommentRequest,
  ReplyRequest,
  type CommentGroup,
  type FeedbackGroupList,
  type GroupActionResult,
} from '@nazar/protocol';
import { KeyedGroupIndex, indexComments } from '../../../domain/near-duplicates.js';
import { FEEDBACK_MOVES } from '../../../domain/feedback-rules.js';
import type { CommentRecord } from '../../../store/store.js';
import type { FeedbackItem } from '../../../store/admin-store.js';
import { adminComment } from '../../views/consultation.js';
import { simpleProblem, validationProblem } from '../../http.js';
import type { AppEnv, RouteContext } from '../../context.js';
import { noteAudit, readBody, TextChecker } from './consultations.js';

const READ_CHUNK = 500;

interface Indexed<T> {
  index: KeyedGroupIndex;
  records: Map<string, T>;
}

export function adminGroupRoutes({ store, now, commentGroups }: RouteContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const consultations = new Map<string, Indexed<CommentRecord>>();
  const services = new Map<string, Indexed<FeedbackItem>>();

  /** Every comment of the consultation, oldest first, fed to its index (new ones only); null: no such consultation. */
  async function grouped(slug: string): Promise<Indexed<CommentRecord> | null> {
    const all: CommentRecord[] = [];
    let before: { createdAt: string; seq: number } | null = null;
    for (;;) {
      const page = await store.listComments(slug, { before, limit: READ_CHUNK });
      if (page === null) return null;
      all.push(...page);
      if (page.length < READ_CHUNK) break;
      const last = page.at(-1)!;
      before = { createdAt: last.createdAt, seq: last.seq };
    }
    let entry = consultations.get(slug);
    if (!entry) consultations.set(slug, (entry = { index: commentGroups(slug), records: new Map() }));
    all.reverse();
    for (const comment of all) entry.records.set(comment.id, comment);
    indexComments(entry.index, all);
    return entry;
  }

  function view(entry: Indexed<CommentRecord>, id: string, members: string[]): CommentGroup {
    const records = members.map((m) => entry.records.get(m)!).filter(Boolean);
    return {
      id,
      size: records.length,
      representative: adminComment(records[0]),
      members: records.map((r) => ({
        id: r.id,
        trackingCode: r.trackingCode,
        status: r.status,
        text: r.text,
        stance: r.stance,
        clause: r.clauseId,
        createdAt: r.createdAt,
      })),
    };
  }

  app.get(ADMIN_GROUP_ROUTES.groups.pattern, async (c) => {
    const entry = await grouped(c.req.param('slug'));
    if (!entry) return simpleProblem('not-found', 404);
    const all = c.req.query('all') === '1';
    const groups = entry.index
      .groups()
      .filter((g) => all || g.members.length > 1)
      .map((g) => view(entry, g.id, g.members))
      .sort((a, b) => b.size - a.size);
    return c.json({ groups });
  });

  /** One action on every member of a group: `apply` says whether a member changed. */
  async function onGroup(slug: string, groupId: string, apply: (comment: CommentRecord) => Promise<boolean>) {
    const entry = await grouped(slug);
    if (!entry) return null;
    const group = entry.index.groups().find((g) => g.id === groupId);
    if (!group) return null;
    const result: GroupActionResult = { updated: 0, skipped: [] };
    for (const id of group.members) {
      const comment = entry.records.get(id);
      if (comment && (await apply(comment))) result.updated++;
      else result.skipped.push(id);
    }
    return { result, members: group.members };
  }

  const answer = (c: Context<AppEnv>, done: Awaited<ReturnType<typeof onGroup>>) => {
    if (!done) return simpleProblem('not-found', 404);
    noteAudit(c, { target: c.req.param('group'), detail: { members: done.members.length, updated: done.result.updated } });
    return c.json(done.result);
  };

  app.post(ADMIN_GROUP_ROUTES.approveGroup.pattern, async (c) => {
    const at = now().toISOString();
    const done = await onGroup(c.req.param('slug'), c.req.param('group'), async (comment) => {
      if (comment.status !== 'pending') return false;
      return (await store.moderateComment(comment.id, { status: 'published', reason: null, at })).outcome === 'ok';
    });
    return answer(c, done);
  });

  app.post(ADMIN_GROUP_ROUTES.rejectGroup.pattern, async (c) => {
    const read = await readBody(c, RejectCommentRequest);
    if (!read.ok) return read.response;
    const check = new TextChecker();
    const reason = check.text('reason', read.value.reason, ADMIN_LIMITS.reason);
    if (check.errors.length > 0) return validationProblem(check.errors);
    const at = now().toISOString();
    const done = await onGroup(c.req.param('slug'), c.req.param('group'), async (comment) => {
      if (comment.status !== 'pending') return false;
      return (await store.moderateComment(comment.id, { status: 'rejected', reason, at })).outcome === 'ok';
    });
    return answer(c, done);
  });

  app.post(ADMIN_GROUP_ROUTES.replyGroup.pattern, async (c) => {
    const read = await readBody(c, ReplyRequest);
    if (!read.ok) return read.response;
    const check = new TextChecker();
    const text = check.text('text', read.value.text, ADMIN_LIMITS.reply);
    if (check.errors.length > 0) return validationProblem(check.errors);
    const at = now().toISOString();
    const done = await onGroup(c.req.param('slug'), c.req.param('group'), async (comment) => {
      if (comment.status === 'rejected') return false;
      return (await store.replyToComment(comment.id, { text, at })) !== null;
    });
    return answer(c, done);
  });

  /** A service's feedback with text, oldest first, fed to its index (new ones only). */
  async function groupedFeedback(serviceId: string): Promise<Indexed<FeedbackItem>> {
    const all: FeedbackItem[] = [];
    let before: { createdAt: string; seq: number } | null = null;
    for (;;) {
      const page = await store.listFeedback({ serviceId, before, limit: READ_CHUNK });
      all.push(...page);
      if (page.length < READ_CHUNK) break;
      const last = page.at(-1)!;
      before = { createdAt: last.createdAt, seq: last.seq };
    }
    let entry = services.get(serviceId);
    if (!entry) services.set(serviceId, (entry = { index: new KeyedGroupIndex(), records: new Map() }));
    for (const item of all.reverse()) {
      if (!item.text) continue;
      entry.records.set(item.trackingCode, item);
      if (!entry.index.has(item.trackingCode)) entry.index.add(item.trackingCode, item.text);
    }
    return entry;
  }

  app.get(ADMIN_GROUP_ROUTES.feedbackGroups.pattern, async (c) => {
    const serviceId = c.req.query('service') ?? '';
    if (!serviceId) return validationProblem([{ field: 'service', code: 'required' }]);
    const entry = await groupedFeedback(serviceId);
    const groups: FeedbackGroupList['groups'] = entry.index
      .groups()
      .filter((g) => g.members.length > 1)
      .map((g) => ({
        id: g.id,
        size: g.members.length,
        members: g.members.map((code) => {
          const f = entry.records.get(code)!;
          return { trackingCode: f.trackingCode, rating: f.rating, text: f.text ?? '', status: f.status, createdAt: f.createdAt };
        }),
      }))
      .sort((a, b) => b.size - a.size);
    return c.json({ groups });
  });

  app.post(ADMIN_GROUP_ROUTES.answerFeedbackGroup.pattern, async (c) => {
    const read = await readBody(c, FeedbackGroupAnswerRequest, { answer: ADMIN_OPS_LIMITS.answer });
    if (!read.ok) return read.response;
    const check = new TextChecker();
    const answer =
      read.value.answer === undefined ? undefined : check.text('answer', read.value.answer, ADMIN_OPS_LIMITS.answer, { optional: true });
    const { status, service } = read.value;
    if (status === 'answered' && !answer) check.errors.push({ field: 'answer', code: 'required' });
    if (check.errors.length > 0) return validationProblem(check.errors);
    const entry = await groupedFeedback(service);
    const group = entry.index.groups().find((g) => g.id === c.req.param('group'));
    if (!group) return simpleProblem('not-found', 404);
    const result: GroupActionResult = { updated: 0, skipped: [] };
    for (const code of group.members) {
      const item = entry.records.get(code);
      const moved =
        item && FEEDBACK_MOVES[item.status].includes(status)
          ? await store.updateSubmissionStatus(code, { status, ...(answer ? { answer } : {}) })
          : null;
      if (moved) result.updated++;
      else result.skipped.push(code);
    }
    noteAudit(c, { target: group.id, detail: { members: group.members.length, updated: result.updated, to: status } });
    return c.json(result);
  });

  return app;
}
