/**
 * A validation's issues as the field errors a `validation` problem carries (`{ field, code, limit? }`).
 * The server maps zod's issues with it and the browser its own (`./shape.ts`): the same issues give
 * the same errors, so a widget's own check says what the server would.
 */
import type { FieldError } from './shapes.js';
import { LIMITS } from '../vocabulary.js';

export interface IssueLike {
  code: string;
  path: PropertyKey[];
  origin?: string;
  maximum?: unknown;
  minimum?: unknown;
  keys?: string[];
}

/** Fields are dotted paths (`categories.2`); the body itself is `''` (JSON-pointer root). */
function fieldName(path: readonly PropertyKey[]): string {
  return path.map((p) => String(p)).join('.');
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

const NUMERIC_ORIGINS = new Set(['number', 'int', 'bigint']);

/** Text limits are user-perceived characters; the schema only bounds the raw string. */
const FEEDBACK_FIELD_LIMITS: Record<string, number> = { text: LIMITS.feedbackText };

/**
 * `limits` gives, per field path (`text`, `clauses.*.text`), the limit in characters to report
 * when the raw string is over the schema's generous bound.
 */
export function issuesToFieldErrors(
  issues: readonly IssueLike[],
  input: unknown,
  limits: Record<string, number> = FEEDBACK_FIELD_LIMITS,
): FieldError[] {
  const out: FieldError[] = [];
  const seen = new Set<string>();
  const push = (e: FieldError) => {
    const id = `${e.field}\u0000${e.code}`;
    if (!seen.has(id)) {
      seen.add(id);
      out.push(e);
    }
  };
  for (const issue of issues) {
    const field = fieldName(issue.path);
    switch (issue.code) {
      case 'unrecognized_keys':
        for (const key of issue.keys ?? []) push({ field: fieldName([...issue.path, key]), code: 'unknown-field' });
        break;
      case 'invalid_type':
        push({ field, code: issue.path.length > 0 && valueAt(input, issue.path) === undefined ? 'required' : 'invalid' });
        break;
      case 'too_big': {
        const numeric = NUMERIC_ORIGINS.has(issue.origin ?? '');
        const generic = field.replace(/\.\d+(?=\.|$)/g, '.*');
        const limit = limits[field] ?? limits[generic] ?? (typeof issue.maximum === 'number' ? issue.maximum : undefined);
        push({ field, code: numeric ? 'out-of-range' : 'too-long', ...(limit === undefined ? {} : { limit }) });
        break;
      }
      case 'too_small': {
        const numeric = NUMERIC_ORIGINS.has(issue.origin ?? '');
        const limit = typeof issue.minimum === 'number' ? issue.minimum : undefined;
        push({ field, code: numeric ? 'out-of-range' : 'too-short', ...(limit === undefined ? {} : { limit }) });
        break;
      }
      case 'invalid_value':
        if (issue.path.length > 0 && valueAt(input, issue.path) === undefined) push({ field, code: 'required' });
        else push({ field, code: issue.path[0] === 'categories' && issue.path.length === 2 ? 'unknown-category' : 'invalid' });
        break;
      default:
        push({ field, code: 'invalid' });
    }
  }
  return out;
}
