/**
 * `GET /consultations/:slug/report`: the public response-to-comments page of an issued
 * consultation (views/report.ts), in Persian or with `?lang=en` in English. Before the issue a
 * page that says so (404), as for an unknown slug. Its CSP allows nothing but its own style.
 */
import { Hono, type Context } from 'hono';
import { ROUTES, ConsultationSlug } from '@nazar/protocol';
import type { CommentRecord } from '../../store/store.js';
import { renderReport, reportMessagePage, REPORT_STYLE, type ReportLocale } from '../views/report.js';
import type { AppEnv, RouteContext } from '../context.js';

const READ_CHUNK = 500;

let styleHash: Promise<string> | undefined;
function styleSource(): Promise<string> {
  styleHash ??= crypto.subtle.digest('SHA-256', new TextEncoder().encode(REPORT_STYLE)).then((d) => {
    let binary = '';
    for (const b of new Uint8Array(d)) binary += String.fromCharCode(b);
    return `'sha256-${btoa(binary)}'`;
  });
  return styleHash;
}

async function htmlPage(c: Context<AppEnv>, html: string, status: 200 | 404): Promise<Response> {
  const csp = `default-src 'none'; style-src ${await styleSource()}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
  return c.html(html, status, { 'Content-Security-Policy': csp });
}

export function reportRoutes({ store, commentGroups }: RouteContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get(ROUTES.report.pattern, async (c) => {
    const slug = c.req.param('slug');
    const locale: ReportLocale = c.req.query('lang') === 'en' ? 'en' : 'fa';
    const other = ROUTES.report.path(slug, locale === 'en' ? 'fa' : 'en');
    const consultation = ConsultationSlug.safeParse(slug).success ? await store.getConsultation(slug) : null;
    if (!consultation) return htmlPage(c, reportMessagePage(locale, 'not-found', other), 404);
    if (!consultation.issuedAt) return htmlPage(c, reportMessagePage(locale, 'not-issued', other), 404);
    const comments: CommentRecord[] = [];
    let before: { createdAt: string; seq: number } | null = null;
    for (;;) {
      const page: CommentRecord[] = (await store.listComments(slug, { status: 'published', before, limit: READ_CHUNK })) ?? [];
      comments.push(...page);
      if (page.length < READ_CHUNK) break;
      const last = page.at(-1)!;
      before = { createdAt: last.createdAt, seq: last.seq };
    }
    // The groups the moderators saw (kept by the app: the page is public, and grouping is its cost).
    return htmlPage(c, renderReport(consultation, comments.reverse(), locale, other, commentGroups(slug)), 200);
  });
  return app;
}
