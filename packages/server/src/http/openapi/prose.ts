/**
 * The prose of the API reference: the explanations that schemas cannot carry. `openapi.ts` puts
 * it into the OpenAPI document (info and tag descriptions) and `scripts/gen-api-docs.ts` renders
 * docs/api.md from that document. Edit here, then regenerate docs/api.md.
 */

export const INTRO = `JSON over HTTPS. The wire contract is defined once, as zod schemas, in \`packages/protocol/src/\`
(\`schemas.ts\`, \`problem.ts\`, \`routes.ts\`, \`admin.ts\`, \`admin-ops.ts\`). This page is generated from the OpenAPI 3.1
document the server serves at \`GET /v1/openapi.json\` (itself built from those schemas by
\`packages/server/src/openapi.ts\`): edit the prose there, then run
\`node --conditions=source --import tsx packages/server/scripts/gen-api-docs.ts\`. A test fails when this page is stale.`;

export const FEEDBACK = `\`\`\`http
POST /v1/services/ngo-permit/feedback
Content-Type: application/json
Idempotency-Key: 0b9b90ce-c83e-444d-beef-ff767a4949f0

{ "rating": 4, "categories": ["speed"], "text": "…", "contact": "0915 123 4567", "serviceLabel": "…", "locale": "fa" }
\`\`\`

- \`rating\` 1–5 (integer); \`categories\` from \`speed\`, \`clarity\`, \`staff\`, \`online\`, \`documents\`, \`cost\`,
  \`other\` (those the service accepts, no duplicates); \`text\` up to 2,000 characters as people count
  them (graphemes); \`contact\` an Iranian mobile (any digits; stored as \`09…\`) or an email (stored lower
  case); \`serviceLabel\` titles a service registered by this request; unknown fields are refused.
- **Idempotency-Key** is required on every POST (8–128 characters of \`A–Z a–z 0–9 _ -\`; a UUID). The same
  key and body give the first answer again (same status and body, plus \`Idempotency-Replayed: true\`)
  without a second row; the same key with another body is refused with 422 \`idempotency-conflict\`. Keys
  are kept as long as the submissions.
- A service the adapter does not know is registered when the request's \`Origin\` is one of
  \`NAZAR_ALLOWED_ORIGINS\`; otherwise the request is refused.
- \`GET /v1/services/{id}\` of a service not registered yet answers 200 with \`registered: false\`, an
  empty title, the default categories and no ratings, not a 404: a widget asks before its first
  feedback, and browsers print a 404 as an error in the county's console.`;

export const CONSULTATIONS = `A consultation is a draft (\`kind\`: \`regulation\` or \`bill\`) put before the public clause by clause.
Its \`status\` follows the server's clock: \`scheduled\` before \`opensAt\`, \`open\` from \`opensAt\` until
(not including) \`closesAt\`, \`review\` after; \`issued\` and \`withdrawn\` when an official does so. A
regulation is open for at least 14 days and a bill for at least 30 (\`MIN_WINDOW_DAYS\`); when an official
extends the window, the extension is listed in \`extensions\` (previous and new \`closesAt\`, reason, when).

### GET /v1/consultations/:slug

\`\`\`json
{ "slug": "street-vendors-1405", "title": "…", "summary": "…", "kind": "regulation", "issuingBody": "…",
  "opensAt": "2026-11-26T11:00:00.000Z", "closesAt": "2026-12-10T11:00:00.000Z", "status": "open",
  "extensions": [],
  "clauses": [{ "id": "c1", "number": 1, "heading": "هدف", "text": "…" }, …],
  "counts": { "total": { "total": 6, "support": 2, "oppose": 2, "amend": 2 },
              "whole": { "total": 1, "support": 1, "oppose": 0, "amend": 0 },
              "byClause": { "c4": { "total": 1, "support": 1, "oppose": 0, "amend": 0 }, … } },
  "outcome": null, "withdrawal": null }
\`\`\`

- \`clauses\` is always the draft as published (version 1). Clause ids are stable: the final text keeps
  the id of a draft clause it amends, so a widget can diff clause by clause.
- \`counts\` are of **published** comments only; \`byClause\` omits clauses without comments.
- \`outcome\` once issued: \`{ issuedAt, summary, clauses (the final text, version 2), dispositions:
  { accepted, partly-accepted, not-accepted, out-of-scope } }\`. \`withdrawal\` once withdrawn: \`{ at, reason }\`.
- Unknown slug: 404 \`not-found\`; a malformed slug: 400 \`validation\` (\`slug\`).

### GET /v1/consultations/:slug/comments?clause=&cursor=

Published comments only, newest first, 20 a page: \`{ comments, nextCursor }\`. Each comment is
\`{ id, clauseId, stance, text, proposedText, displayName, createdAt, reply, disposition }\`: \`id\` is
a public id (not the tracking code), \`reply\` the official reply \`{ text, at }\`, \`disposition\`
\`{ outcome, reason }\` once issued. Never a contact, never a tracking code.

- \`clause=c4\` filters to one clause, \`clause=whole\` to comments on the whole draft; absent: all.
- \`cursor\` is the opaque \`nextCursor\` of the previous page (keyset paging: comments arriving meanwhile
  neither repeat nor shift later pages). \`nextCursor\` is null on the last page. A cursor that is not
  one of ours: 400 \`validation\` on \`cursor\`.

### POST /v1/consultations/:slug/comments

\`\`\`http
POST /v1/consultations/street-vendors-1405/comments
Content-Type: application/json
Idempotency-Key: 5f0c6f1e-3c1a-4d53-9f59-1b7d2b1f3a20

{ "clauseId": "c7", "stance": "amend", "text": "…", "proposedText": "…", "displayName": "مریم", "contact": "0915 123 4567", "locale": "fa" }
\`\`\`

- \`clauseId\`: a clause of the draft, or absent/null for the whole draft (unknown clause: \`validation\`
  on \`clauseId\`, code \`invalid\`). \`stance\`: \`support\`, \`oppose\` or \`amend\`.
- \`text\` 1–5,000 characters (graphemes, after removing bidi controls and trimming); \`proposedText\`
  (1–5,000) is required with \`amend\` and refused (\`invalid\`) with other stances (blank counts as
  absent); \`displayName\` up to 80 characters; \`contact\` private, as for feedback.
- **Idempotency-Key** exactly as for feedback (required; replay gives the first answer with
  \`Idempotency-Replayed: true\`; another body is 422). Keys are shared with every kind of submission.
- The window is judged **when the request arrives**. Outside it the answer is 409 \`closed\` with the
  consultation's status in \`detail\` (and in the extension member \`consultationStatus\`):
  \`scheduled\`, \`review\`, \`issued\` or \`withdrawn\`. A retry of a comment accepted before the window
  closed still gets its first answer (every refusal looks the key up first: a used key gets its replay).
- 201 \`CommentAccepted\`: \`status\` is \`pending\` under pre-moderation (the default) and \`published\`
  under post-moderation; \`Location\` is the tracking route.

### Tracking a comment

\`GET /v1/tracking/:code\` answers \`kind: "comment"\` with \`status\` (\`pending\`, \`published\`,
\`rejected\`), \`subject: { type: "consultation", slug, title, status, clauseId, clauseNumber }\`,
\`rejectionReason\` (when rejected), \`reply\` (\`{ text, at }\`, even before publication) and
\`disposition\` (\`{ outcome, reason }\` once issued). Only the citizen's own comment, never a contact.`;

export const POLLS = `A poll is one question with 2–20 options (ids \`o1\`, \`o2\`, … given by the server in order). \`mode\` is
\`single\` (exactly one option; \`maxChoices\` is 1) or \`multiple\` (1 to \`maxChoices\` options). Its
\`status\` follows the server's clock: \`scheduled\` before \`opensAt\`, \`open\` from \`opensAt\` until (not
including) \`closesAt\`, \`closed\` after — or from the moment an official closes it early.
\`resultsVisibility\` says who sees the results, and the **server** enforces it on every answer:

| \`resultsVisibility\` | before the poll closes | once closed |
|---|---|---|
| \`always\` | everyone | everyone |
| \`after-vote\` | only a voter who has voted (the \`Nazar-Voter\` of a read, the voter of a vote answer) | everyone |
| \`after-close\` | nobody (not even voters) | everyone |

When results may not be shown, \`results\` is \`null\` and no figure appears anywhere in the answer.
Officials always see them (\`GET /v1/admin/polls/:slug\`).

### GET /v1/polls/:slug

\`\`\`http
GET /v1/polls/bus-routes
Nazar-Voter: 6f1c2a4e-8a0b-4d4f-9c43-0d1e2f3a4b5c
\`\`\`

\`\`\`json
{ "slug": "bus-routes", "question": "کدام مسیر اتوبوس شهری باید زودتر راه‌اندازی شود؟", "description": "…",
  "options": [{ "id": "o1", "label": "پایانه مسافربری — بیمارستان امام علی (ع) — دانشگاه دریانوردی" }, …],
  "mode": "single", "maxChoices": 1, "opensAt": "…", "closesAt": "…", "status": "open",
  "resultsVisibility": "after-vote", "voted": true,
  "results": { "totalVoters": 386, "counts": { "o1": 131, "o2": 85, "o3": 62, "o4": 70, "o5": 38 } } }
\`\`\`

- \`Nazar-Voter\` (optional) is the device's voter key (below). \`voted\` says whether that voter has voted
  in this poll; without the header, or with a malformed key, \`voted\` is \`false\` and the answer is what
  anyone would see. (It is a request header, so a cross-origin read is preflighted; CORS allows it.)
- \`results\`: \`totalVoters\` counts people (a multiple-choice voter once); \`counts\` is votes per option id
  (every option, zeros included). Percentages are the widget's business.
- \`closesAt\` is when voting ends or ended: an official's early close replaces the scheduled time.
- Unknown slug: 404 \`not-found\`; a malformed slug: 400 \`validation\` (\`slug\`).

### POST /v1/polls/:slug/votes

\`\`\`http
POST /v1/polls/bus-routes/votes
Content-Type: application/json
Idempotency-Key: 1d7e5f0a-3b9c-4e27-8f61-5a2b3c4d5e6f

{ "optionIds": ["o1"], "voter": { "type": "device", "key": "6f1c2a4e-8a0b-4d4f-9c43-0d1e2f3a4b5c" } }
\`\`\`

- \`optionIds\`: distinct ids of this poll's options. A repeated id: \`validation\`, \`optionIds.<i>\`,
  \`duplicate\`; an unknown one: \`optionIds.<i>\`, \`invalid\`; none: \`optionIds\`, \`too-short\`; more than
  allowed (1 with \`single\`, \`maxChoices\` with \`multiple\`): \`optionIds\`, \`too-long\`, \`limit\` = the most
  allowed. Unknown fields are refused.
- \`voter\`: \`{ type: "device", key }\`, the key 16–128 characters of \`A–Z a–z 0–9 _ -\` (see below).
- **Idempotency-Key** as for every POST (required; the same key and body replay the first answer with
  \`Idempotency-Replayed: true\`, also after the poll closed; another body is 422
  \`idempotency-conflict\`; keys are shared with every kind of submission).
- The window is judged **when the request arrives**: a poll not open answers 409 \`closed\` with its status
  in \`detail\` and in the extension member \`pollStatus\` (\`scheduled\` or \`closed\`).
- **One vote per voter**: a vote from a voter who already voted in this poll (with another idempotency
  key) is 409 \`already-voted\`, whatever it chooses. Racing requests are safe: the check and the insert are
  one transaction, so one vote counts and the others are refused (or, with the same key, replayed).
- 201 \`VoteAccepted\`: \`trackingCode\`, \`poll\`, \`optionIds\` (in the poll's option order), \`createdAt\`, and
  \`results\` **as they are now** when this voter may see them (\`always\`; \`after-vote\`; \`after-close\` only
  once closed), else \`null\`. A replay repeats the code, options and time; its \`results\` are the current
  ones, under the same rule.
- Votes are submissions (kind \`vote\`) with a tracking code, but \`GET /v1/tracking/:code\` does not cover
  them yet: a vote's code answers 404 \`not-found\`.

### Who is a voter, and what that prevents

Today a voter is a **device**: a random key the widget makes once and keeps in the page's storage
(\`nazar:voter-key\`), sent with every vote and read. The server stores only a SHA-256 hash of the poll and
the key (so one device's votes in different polls cannot be linked from the database), with a unique
index on (poll, hash). This stops a second vote from the same browser, including a retry or a second tab.
It does **not** stop one person from voting again from another browser or device, a private window, or
after clearing site data, nor a script that makes fresh keys; the rate limit below slows that down but
cannot tell people apart. Treat device-tier results as an opinion poll, not a ballot. A stronger tier —
a token signed by the host site's login — fits the same routes later (\`voter: { type: "signed", … }\`)
without changing them.

### Rate limit

Votes are limited per client address with a token bucket: by default a burst of 10 votes, refilled at
20 a minute (\`NAZAR_VOTES_PER_MINUTE\`, \`NAZAR_VOTE_BURST\`; see operations). Past it the answer is 429
\`rate-limited\` with \`Retry-After\` (seconds; also \`retryAfter\` in the body), before any other check, so
retries and refused requests count too. The Outbox honours \`Retry-After\`. The address is the TCP peer;
behind a reverse proxy set \`NAZAR_TRUST_PROXY=true\` so that the last \`X-Forwarded-For\` entry is used
(never trusted otherwise). Many people behind one carrier NAT share an address: raise the rate for a
big poll rather than refuse real voters. Reads are not limited.`;

export const ADMIN = `Every path under \`/v1/admin\` first requires \`Authorization: Bearer <token>\`: \`NAZAR_ADMIN_TOKEN\` (role
\`admin\`) or a token made with \`POST /v1/admin/tokens\` or \`nazar-server token create\`. Without the
header, with an unknown, wrong or revoked token, the answer is 401 \`unauthorized\` (with
\`WWW-Authenticate: Bearer\`) — also for paths that do not exist. A token whose role may not use the
route gets 403 \`forbidden\` (roles: see [Admin operations](#admin-operations)). Tokens are compared in
constant time (SHA-256 of both sides).
Admin answers carry **no CORS headers**: officials' tools run on the adapter's own origin. Bodies are
JSON (\`Content-Type: application/json\`); errors are problem documents as everywhere; text limits are
in characters, after cleaning. Request schemas: \`packages/protocol/src/schemas/admin.ts\`.

| route | body | answer |
|---|---|---|
| \`POST /v1/admin/consultations\` | \`{ slug, title, summary, kind, issuingBody, opensAt, closesAt?, moderation?, clauses: [{ heading?, text }] }\` | 201 \`Consultation\` |
| \`POST /v1/admin/consultations/:slug/extend\` | \`{ closesAt, reason }\` | 200 \`Consultation\` |
| \`POST /v1/admin/consultations/:slug/withdraw\` | \`{ reason }\` | 200 \`Consultation\` |
| \`GET /v1/admin/consultations/:slug/comments?status=&clause=&cursor=\` | — | \`{ comments: AdminComment[], nextCursor }\` |
| \`POST /v1/admin/comments/:id/approve\` | — | 200 \`AdminComment\` |
| \`POST /v1/admin/comments/:id/reject\` | \`{ reason }\` | 200 \`AdminComment\` |
| \`POST /v1/admin/comments/:id/reply\` | \`{ text }\` | 200 \`AdminComment\` |
| \`POST /v1/admin/consultations/:slug/issue\` | \`{ summary, clauses: [{ id?, heading?, text }], dispositions: [{ commentId, outcome, reason }] }\` | 200 \`Consultation\` |
| \`POST /v1/admin/polls\` | \`{ slug, question, description?, options: [label…] or [{ label }…], mode, maxChoices?, opensAt, closesAt, resultsVisibility }\` | 201 \`AdminPoll\` |
| \`GET /v1/admin/polls/:slug\` | — | 200 \`AdminPoll\` |
| \`POST /v1/admin/polls/:slug/close\` | — | 200 \`AdminPoll\` |

- **Create**: clauses get ids \`c1\`, \`c2\`, … and numbers in order. \`closesAt\` defaults to \`opensAt\` + 14
  days (regulation) or + 30 days (bill); a shorter window is refused: \`validation\`, field \`closesAt\`,
  code \`too-short\`, \`limit\` = the minimum days. \`moderation\`: \`pre\` (default; comments wait for
  approval) or \`post\` (published at once). Instants may carry an offset; they are stored in UTC. A
  taken slug: \`validation\`, \`slug\`, \`duplicate\`.
- **Extend**: only forward (later than the current \`closesAt\` and than now), else \`validation\`
  \`closesAt\` \`out-of-range\`; recorded in \`extensions\`. Extending a consultation in review reopens it.
- **Withdraw**: any time before issue.
- **Comments** (admin list): any status (\`status=pending|published|rejected\`, absent: all), with the
  private \`contact\`, \`trackingCode\`, \`status\`, \`moderation\`, \`rejectionReason\`, \`locale\`, \`updatedAt\`.
- **Approve / reject**: approve publishes (also a rejected comment); reject hides it with a reason
  that its author sees via tracking. Both refused once the consultation is issued.
- **Reply**: sets the official reply, shown via tracking and, once published, in the public list.
- **Issue**: only in \`review\`. \`clauses\` is the final text in order; \`id\` of a draft clause marks it
  as the same clause (amended or not); clauses without \`id\` are new and get the next free \`cN\`.
  Every published comment needs exactly one disposition (\`accepted\`, \`partly-accepted\`,
  \`not-accepted\` or \`out-of-scope\`, with a reason): missing ones give \`validation\` (\`dispositions\`, \`required\`) with
  their ids in the extension member \`commentIds\`; dispositions for comments that are not published
  comments of this consultation give \`validation\` (\`dispositions\`, \`invalid\`) with \`commentIds\`.
- **Polls**: \`AdminPoll\` is the public \`Poll\` without \`voted\`, with the full \`results\` always,
  \`closesAt\` as scheduled, \`closedAt\` (an early close, or null) and \`createdAt\`. Create: 2–20 options
  (\`options\`, \`too-short\`/\`too-long\` with the limit), each label 1–200 characters on one line, no two
  alike (\`options.<i>\` or \`options.<i>.label\`: \`required\`, \`too-long\`, \`duplicate\`); \`question\` 1–500
  characters, \`description\` up to 2,000 (blank: none); \`maxChoices\` absent or 1 with \`single\`, 1 to the
  number of options with \`multiple\` (default: all), else \`maxChoices\` \`out-of-range\` with \`limit\` = the
  most allowed; \`closesAt\` after \`opensAt\` and after now, else \`closesAt\` \`out-of-range\`; a taken slug:
  \`slug\` \`duplicate\`. Close: ends voting now (\`closedAt\`); a poll already closed (by the clock or an
  official) is 409 \`invalid-state\`.
- Wrong state — issue while scheduled or open; extend, withdraw or issue after issue or withdrawal;
  approve or reject after issue — is 409 \`invalid-state\` (\`detail\`: the consultation's status, for
  consultation routes). Replies are possible at any time.`;

export const ERRORS = `Every refusal is \`application/problem+json\`:

\`\`\`json
{ "type": "urn:nazar:problem:validation", "title": "The request has invalid fields", "status": 400,
  "code": "validation", "errors": [{ "field": "text", "code": "too-long", "limit": 2000 }] }
\`\`\`

\`code\` is stable; clients translate it and never show \`title\`. Codes: \`validation\`, \`malformed-json\`,
\`unsupported-media-type\` (415), \`payload-too-large\` (413, bodies over 64 KB), \`idempotency-key-required\`,
\`idempotency-conflict\` (422), \`idempotency-in-progress\`, \`not-found\`, \`unknown-service\`,
\`origin-not-allowed\`, \`method-not-allowed\`, \`closed\` (409: the consultation is not
open, or the poll; \`detail\` is its status), \`unauthorized\` (401: admin route without a valid token), \`forbidden\`
(403: the token's role may not do this), \`invalid-state\` (409: not possible in the
consultation's or poll's current state), \`already-voted\` (409: this voter has voted in this poll),
\`rate-limited\` (429, with \`Retry-After\` and \`retryAfter\`), \`unavailable\`, \`internal\`. Problems may carry
extension members (\`consultationStatus\`, \`pollStatus\`, \`commentIds\`); clients may ignore them. Field error codes: \`required\`, \`invalid\`, \`too-long\`, \`too-short\`, \`out-of-range\`,
\`invalid-contact\`, \`unknown-category\`, \`duplicate\`, \`unknown-field\`. A required field that is absent is
\`required\` whatever its type.`;

export const TRACKING_CODES = `Ten digits: nine random (the first never 0) and a Damm check digit, which catches every single-digit
error and every swap of neighbouring digits. \`GET /v1/tracking/:code\` accepts Persian, Arabic-Indic or
Latin digits with spaces or dashes; a code that fails the check is refused with \`validation\` before any
lookup.`;

export const CORS = `Only the origins in \`NAZAR_ALLOWED_ORIGINS\` and those of the sites in the sites table
(\`PUT /v1/admin/sites/:id\`) get \`Access-Control-Allow-Origin\` on \`/v1\` (never on \`/v1/admin\`); a site
added in one process reaches the other processes sharing the database within 10 seconds. Allowed
request headers are \`Content-Type\`, \`Idempotency-Key\` and \`Nazar-Voter\`; \`Idempotency-Replayed\` and
\`Retry-After\` are exposed. No credentials, no cookies. The browser bundle (\`/nazar.js\`, \`/chunks/*\`,
\`/nazar-intl.js\`) is served with \`Access-Control-Allow-Origin: *\`.

Every API answer carries \`X-Content-Type-Options: nosniff\`, \`Referrer-Policy: no-referrer\`,
\`Content-Security-Policy: default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'\`,
\`X-Frame-Options: DENY\`, \`Cross-Origin-Resource-Policy: same-origin\` (readable cross-origin through CORS
only) and \`Cache-Control: no-store\`.`;

export const HEALTH = `\`GET /healthz\` is liveness: 200 \`{ status: "ok", version }\` while the process serves, 503
\`draining\` during shutdown. \`GET /readyz\` is readiness: 200 \`{ status: "ready", store }\` when the store
answers within 2 seconds, 503 \`unavailable\` when it does not (or \`draining\`): point a load balancer's
health check at \`/readyz\`. \`GET /v1/openapi.json\` is this reference as an OpenAPI 3.1 document.`;

export const ADMIN_OPS = `**Roles.** \`viewer\` reads (every GET but tokens and the audit log); \`moderator\` also approves,
rejects and replies to comments and moves feedback through its statuses; \`admin\` does everything:
consultations, polls, services, sites, tokens, the audit log. \`NAZAR_ADMIN_TOKEN\` is an admin.

| route | viewer | moderator | admin |
|---|---|---|---|
| every \`GET\` (lists, exports) but the three below | yes | yes | yes |
| \`GET /v1/admin/tokens\`, \`GET /v1/admin/audit\`, \`GET /v1/admin/exports/audit\` | — | — | yes |
| \`POST /v1/admin/comments/:id/approve\`, \`…/reject\`, \`…/reply\`, \`POST /v1/admin/feedback/:code/status\` | — | yes | yes |
| everything else (consultations, polls, services, sites, tokens) | — | — | yes |

**Tokens** are \`nzr_<id>_<secret>\`: the 12-character id names the token in lists and in the audit log,
the secret is 256 random bits. Only the SHA-256 of the token is stored; \`POST /v1/admin/tokens\`
answers the token itself once. A revoked token is refused at once (401) by every adapter sharing the database.

**Sites** are the county sites that embed the widgets, each with its exact origins. Their origins
join \`NAZAR_ALLOWED_ORIGINS\` for CORS and for registering a service on its first feedback, and every
submission records the origin of the page it came from, so lists and exports filter by \`site\`.
**Services** have a title, the categories citizens may pick and the sites that offer them.

**Lists** are newest first, 50 a page, with an opaque \`cursor\` (\`nextCursor\` of the previous page).
Filters (each list and export takes those that apply; another one is \`validation\` \`unknown-field\`):
\`site\` (a site id), \`service\` (feedback: the service; comments: consultations created with that
\`service\`), \`consultation\`, \`clause\` (\`whole\`: the whole draft), \`stance\`,
\`status\`, \`poll\`, \`from\` and \`to\` (ISO instants or dates; \`from\` inclusive, \`to\` exclusive); feedback
also \`rating\` (1–5) and \`category\` (feedback that picked it); feedback and comments \`q\`: the text (for
comments, or the proposed wording) contains it, up to 200 characters (else \`q\` \`too-long\`), Latin
letters in any case, and the Arabic ي, ى and ك read as the Persian ی and ک on both sides. An invalid
value is \`validation\` with its field.

**Feedback statuses** move \`received\` → \`in-progress\` → \`answered\` or \`closed\` (\`received\` may go
straight to \`answered\` or \`closed\`; \`answered\` may be closed or its answer corrected). \`answered\`
needs an \`answer\`, which the citizen reads through \`GET /v1/tracking/:code\`. Another move is 409
\`invalid-state\`.

**Exports** (\`GET /v1/admin/exports/comments|feedback|votes|consultations|polls|audit?format=csv|json&…filters\`:
the records, and each list of the console with its filters — consultations by \`status\`, polls, and
the audit log for admins, its \`detail\` as JSON in one CSV cell) carry every
matching row, up to 100,000 (then \`Nazar-Export-Truncated: 100000\`): CSV is UTF-8 with a BOM (so
spreadsheet programs show Persian correctly), CRLF line ends, RFC 4180 quoting, and a \`'\` before any
cell that starts with \`=\`, \`+\`, \`-\` or \`@\` (no formula ever runs from a citizen's text). Exports of
comments and feedback include contact details; votes never include the voter's key or its hash.

**The audit log** records every change made through the admin API or the command line, and every
export: when, who (token id, name, role), what (the route's name, e.g. \`reject\`, \`putSite\`,
\`export\`), on what (a slug, an id, a tracking code) and a few facts — never a token, never contact
details.`;

export const ADMIN_CONSOLE = `The reads the officials' console (\`<nazar-console>\`) is built on. Every one is a \`GET\` any role may
call; schemas: \`packages/protocol/src/schemas/admin-console.ts\`.

- **\`GET /v1/admin/me\`**: \`{ id, name, role }\` of the calling token (\`NAZAR_ADMIN_TOKEN\` is
  \`{ id: "env", name: "NAZAR_ADMIN_TOKEN", role: "admin" }\`), so the console hides what the role may not do.
- **\`GET /v1/admin/consultations?status=&cursor=\`**: newest first (by creation), 50 a page, each with its
  window, \`status\` (as the public one: \`scheduled\`, \`open\`, \`review\`, \`issued\`, \`withdrawn\`),
  \`service\`, \`moderation\` and \`counts\` of its comments by moderation status (\`pending\`, \`published\`,
  \`rejected\`). \`status\` filters; another value is \`validation\` \`status\` \`invalid\`.
- **\`GET /v1/admin/consultations/:slug\`**: the public \`Consultation\` (draft clauses, extensions, the
  outcome with the final text once issued, the withdrawal) with \`moderation\`, \`service\`, \`createdAt\`,
  \`comments\` (every comment by status) and \`stats\`: for the whole draft and for every draft clause
  (zeros included), published comments by stance (\`support\`, \`oppose\`, \`amend\`) and the \`pending\` and
  \`rejected\` ones.
- **\`GET /v1/admin/polls?cursor=\`**: newest first (by creation), 50 a page: \`AdminPollSummary\` (question,
  mode, \`status\` as the public one, results visibility, window, \`closedAt\`, \`createdAt\`, \`totalVoters\`);
  the options and full results are \`GET /v1/admin/polls/:slug\`.
- **\`GET /v1/admin/overview?weeks=12\`**: \`openConsultations\` (open now, closing soonest first, at most 100:
  slug, title, closesAt); \`counts\`: \`pendingComments\` (waiting for moderation, every consultation),
  \`feedbackWaiting\` (\`received\` or \`in-progress\`), \`activePolls\` (open now); and \`weeks\`: for each of the last
  \`weeks\` ISO weeks (Monday 00:00 UTC to the next Monday; the current week last, every week present),
  \`weekStart\` (\`YYYY-MM-DD\`) and the feedback, comments and votes received in it. \`weeks\` is 1–104
  (\`validation\` \`weeks\`: \`invalid\`, or \`out-of-range\` with \`limit\` 104). Every figure is a count or a grouped
  count in the store, never a scan of the rows in the server.
- **\`GET /v1/admin/services/:id/stats?weeks=12\`**: the service's \`title\`, \`count\` and \`mean\` of all its
  feedback, \`distribution\` (how many gave 1, 2, 3, 4, 5: index 0 is rating 1) and \`weeks\`: for each of the
  last \`weeks\` ISO weeks as in the overview, \`count\` and \`mean\` (2 decimals, null in a week without
  feedback). An unknown service is 404 \`not-found\`.`;

export const ADMIN_GROUPS = `Mass-comment campaigns (one text pasted by hundreds with small edits) are grouped on the server as
comments arrive, so a moderator decides once for the whole group. Texts are compared after folding
what a pasted copy varies in (Arabic ي ى ك for Persian ی ک, diacritics, tatweel, ZWNJ, spacing,
punctuation, digit forms) on character 5-grams: MinHash signatures with locality-sensitive hashing
find the candidates, and a Jaccard similarity of at least 0.65 joins a group, among comments of the
same stance (precision and recall measured in \`bench/GROUPING.md\`, with comments that quote a
campaign to disagree as the hard cases). A group's id is its first member's comment id, stable as the group
grows (when a later copy bridges two groups they merge under the older one's id). Actions publish or reject the members still pending, or reply to every member not rejected,
and answer \`{ updated, skipped }\`; each is one audit entry. Reading needs any role, acting the
moderator role. At issue time the console gives a group one disposition by sending it for each member.`;
