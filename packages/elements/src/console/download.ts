import { msg } from '@lit/localize';
import { ADMIN_OPS_ROUTES, type ExportKind } from '@nazar/protocol';
import type { AdminApi } from './api.js';

/**
 * Saves an export (`/v1/admin/exports/:kind` with the list's filters) as a file. Fetched with the
 * token (a link could not carry it), then handed to the browser through an object URL.
 */
export async function saveExport(api: AdminApi, kind: ExportKind, query: URLSearchParams, format: 'csv' | 'json' = 'csv'): Promise<string> {
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
