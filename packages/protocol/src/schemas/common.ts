import * as z from 'zod/mini';
import { ISO_DATE_TIME_PATTERN, SERVICE_ID_PATTERN, TRACKING_CODE_LENGTH, TRACKING_CODE_PATTERN } from '../vocabulary.js';

export { LIMITS } from '../vocabulary.js';

/** Service ids, as a webmaster writes them in `service="…"`. */
export const ServiceId = z.string().check(z.regex(SERVICE_ID_PATTERN));

/** An RFC 3339 instant as the server writes it (`Date#toISOString()`). */
export const IsoDateTime = z.string().check(z.regex(ISO_DATE_TIME_PATTERN));

export const TrackingCode = z.string().check(z.length(TRACKING_CODE_LENGTH), z.regex(TRACKING_CODE_PATTERN));

export const Health = z.object({ status: z.enum(['ok', 'draining']), version: z.string() });
export type Health = z.infer<typeof Health>;
