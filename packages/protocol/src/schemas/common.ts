import * as z from 'zod/mini';
import { TRACKING_CODE_LENGTH } from '../tracking-code.js';

/** Limits shared by the server's validation and the widgets' own checks. */
export const LIMITS = {
  feedbackText: 2000,
  contact: 254,
  serviceLabel: 200,
  serviceTitle: 200,
  /** Request bodies over this many bytes are refused with `payload-too-large`. */
  bodyBytes: 64 * 1024,
} as const;

/** Service ids, as a webmaster writes them in `service="…"`. */
export const ServiceId = z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/));

/**
 * An RFC 3339 instant as the server writes it (`Date#toISOString()`). A plain pattern rather than
 * `z.iso.datetime()`, which costs the widget bundle 0.6 KB gzip for the same answer.
 */
export const IsoDateTime = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/));

export const TrackingCode = z.string().check(z.length(TRACKING_CODE_LENGTH), z.regex(/^[0-9]+$/));

export const Health = z.object({ status: z.enum(['ok', 'draining']), version: z.string() });
export type Health = z.infer<typeof Health>;
