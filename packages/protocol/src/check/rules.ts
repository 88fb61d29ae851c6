/**
 * What a submission's schema cannot say, written once for the server and the widgets: lengths in
 * user-perceived characters after cleaning, a contact's format, proposed wording only with
 * `amend`, no category or option twice, a poll's own options and choice limit. The server runs
 * these after its zod schema; a widget runs `checkFeedback` / `checkComment` / `checkVote` (its
 * shape, then these) before the offline save, so the citizen hears at once what the server would
 * say. `http/browser-checks.test.ts` in the server proves both give the same errors for any body.
 */
export type { Contact } from './rules/common.js';
export * from './rules/feedback.js';
export * from './rules/comment.js';
export * from './rules/vote.js';
