import { html, nothing } from 'lit';
import { msg } from '@lit/localize';
import { ADMIN_OPS_ROUTES, type EXPORT_KINDS } from '@nazar/protocol';
import type { AdminApi } from './api.js';

/**
 * Saves an export (`/v1/admin/exports/:kind` with the list's filters) as a file. Fetched with the
 * token (a link could not carry it), then handed to the browser through an object URL.
 */
export async function saveExport(
  api: AdminApi,
  kind: (typeof EXPORT_KINDS)[number],
  query: URLSearchParams,
  format: 'csv' | 'json' = 'csv',
): Promise<string> {
  const params = new URLSearchParams(query);
  params.set('format', format);
  const { blob, filename } = await api.download(ADMIN_OPS_ROUTES.export.path(kind, `?${params.toString()}`));
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return filename;
}

export const exportLabel = (format: 'csv' | 'json') =>
  format === 'csv' ? msg('برون‌بری CSV', { id: 'c.export.csv' }) : msg('برون‌بری JSON', { id: 'c.export.json' });

/**
 * A list's CSV and JSON export buttons; `save` fetches the export with the list's current filters.
 * `what` names the group when a screen has two exports (a poll's votes and the list of polls).
 */
export const exportButtons = (save: (format: 'csv' | 'json') => unknown, what?: string) =>
  html`<div class="toolbar" role=${what ? 'group' : nothing} aria-label=${what ?? nothing}>
    ${(['csv', 'json'] as const).map(
      (format) => html`<button class="secondary" type="button" @click=${() => save(format)}>${exportLabel(format)}</button>`,
    )}
  </div>`;
