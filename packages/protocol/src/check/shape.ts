/**
 * The browser's checks of the wire contract, without zod: shapes described as plain data and one
 * small interpreter. zod's schemas (`../schemas/`) stay the contract for the server, the OpenAPI
 * document and the docs; each shape in `./shapes.ts` mirrors one of them, and `equivalence.test.ts`
 * proves with fast-check that both accept and refuse the same JSON, give the same value back and
 * the same issues (so the same field errors). zod/mini cost a widget page 8.7 KB gzip; this
 * interpreter about 1.5.
 *
 * The issues mirror zod 4's: `invalid_type` and `invalid_value` stop a value's own checks, a
 * failed check (`too_big`, `too_small`, `invalid_format`) does not; a strict object's unknown keys
 * are one `unrecognized_keys` issue.
 */

export type Path = (string | number)[];

export interface Issue {
  code: 'invalid_type' | 'invalid_value' | 'invalid_format' | 'too_big' | 'too_small' | 'unrecognized_keys' | 'invalid_union';
  path: Path;
  origin?: string;
  maximum?: number;
  minimum?: number;
  keys?: string[];
  /** A failed check: the value's other checks still run (zod's `continue: true`). */
  soft?: true;
  /** Ends even the length checks (zod's `continue: false`: a number that is not an integer). */
  end?: true;
}

type Node =
  | { k: 'str'; len?: number; max?: number; re?: RegExp }
  | { k: 'num'; int: boolean; min?: number; max?: number }
  | { k: 'bool' }
  | { k: 'enum'; values: readonly unknown[] }
  | { k: 'null' | 'opt'; of: Node }
  | { k: 'arr'; of: Node; min?: number; max?: number }
  | { k: 'tuple'; items: readonly Node[] }
  | { k: 'rec'; of: Node }
  | { k: 'obj'; props: Record<string, Node>; strict: boolean }
  | { k: 'union'; key: string; options: readonly Node[] };

/** A shape that checks to a `T` (the type is only for the compiler). */
export type Shape<T> = Node & { readonly __type?: { t: T } };
export type Infer<S> = S extends { readonly __type?: { t: infer T } } ? T : never;

type Props = Record<string, Shape<unknown>>;
type OptionalKeys<P extends Props> = { [K in keyof P]: undefined extends Infer<P[K]> ? K : never }[keyof P];
type Flat<T> = { [K in keyof T]: T[K] } & {};
type ObjectOf<P extends Props> = Flat<{ [K in Exclude<keyof P, OptionalKeys<P>>]: Infer<P[K]> } & { [K in OptionalKeys<P>]?: Infer<P[K]> }>;

export const string = (o: { len?: number; max?: number; re?: RegExp } = {}): Shape<string> => ({ k: 'str', ...o });
export const int = (min?: number, max?: number): Shape<number> => ({ k: 'num', int: true, min, max });
export const number = (min?: number, max?: number): Shape<number> => ({ k: 'num', int: false, min, max });
export const boolean: Shape<boolean> = { k: 'bool' };
export const oneOf = <const V extends readonly (string | number | boolean)[]>(values: V): Shape<V[number]> => ({ k: 'enum', values });
export const literal = <const V extends string | number | boolean>(value: V): Shape<V> => ({ k: 'enum', values: [value] });
export const nullable = <T>(of: Shape<T>): Shape<T | null> => ({ k: 'null', of });
export const optional = <T>(of: Shape<T>): Shape<T | undefined> => ({ k: 'opt', of });
export const array = <T>(of: Shape<T>, min?: number, max?: number): Shape<T[]> => ({ k: 'arr', of, min, max });
export const tuple = <const T extends readonly Shape<unknown>[]>(items: T): Shape<{ -readonly [I in keyof T]: Infer<T[I]> }> => ({
  k: 'tuple',
  items,
});
export const record = <T>(of: Shape<T>): Shape<Record<string, T>> => ({ k: 'rec', of });
/** Unknown keys are dropped from the value, as zod's `object`. */
export const object = <P extends Props>(props: P): Shape<ObjectOf<P>> => ({ k: 'obj', props, strict: false });
/** Unknown keys are refused, as zod's `strictObject`. */
export const strictObject = <P extends Props>(props: P): Shape<ObjectOf<P>> => ({ k: 'obj', props, strict: true });
/** One of `options`, told apart by the literal at `key` (zod's `discriminatedUnion`). */
export const union = <const O extends readonly Shape<unknown>[]>(key: string, options: O): Shape<Infer<O[number]>> => ({
  k: 'union',
  key,
  options,
});

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether an issue from `start` on ends the value's checks on purpose (zod's `continue: false`). */
const ended = (out: Issue[], start: number) => out.slice(start).some((i) => i.end);

/** A number's bounds (zod's `gte`/`lte`, and the safe range of an integer). */
function bounds(out: Issue[], path: Path, origin: string, v: number, min?: number, max?: number): void {
  if (min !== undefined && !(v >= min)) out.push({ code: 'too_small', path, origin, minimum: min, soft: true });
  if (max !== undefined && !(v <= max)) out.push({ code: 'too_big', path, origin, maximum: max, soft: true });
}

/**
 * Length limits. As zod's, they apply to anything with a `length` (an array where a string is
 * expected, `{ "length": 3 }`), even after a wrong type, and compare as JavaScript compares.
 */
function lengths(out: Issue[], path: Path, v: unknown, min?: number, max?: number, exact?: number): void {
  if (v === null || v === undefined) return;
  const length = (v as { length?: number }).length;
  if (length === undefined) return;
  const origin = Array.isArray(v) ? 'array' : typeof v === 'string' ? 'string' : 'unknown';
  if (min !== undefined && !(length >= min)) out.push({ code: 'too_small', path, origin, minimum: min, soft: true });
  if (max !== undefined && !(length <= max)) out.push({ code: 'too_big', path, origin, maximum: max, soft: true });
  if (exact !== undefined && length !== exact) {
    out.push(
      length > exact
        ? { code: 'too_big', path, origin, maximum: exact, soft: true }
        : { code: 'too_small', path, origin, minimum: exact, soft: true },
    );
  }
}

/** Checks `v` against `s`, appending what is wrong to `out`; returns the checked value. */
function run(s: Node, v: unknown, path: Path, out: Issue[]): unknown {
  const start = out.length;
  switch (s.k) {
    case 'opt':
      return v === undefined ? v : run(s.of, v, path, out);
    case 'null':
      return v === null ? v : run(s.of, v, path, out);
    case 'str':
      if (typeof v !== 'string') {
        out.push({ code: 'invalid_type', path });
        lengths(out, path, v, undefined, s.max, s.len);
        return v;
      }
      lengths(out, path, v, undefined, s.max, s.len);
      if (s.re && !s.re.test(v)) out.push({ code: 'invalid_format', path, soft: true });
      return v;
    case 'num':
      if (typeof v !== 'number' || !Number.isFinite(v)) break;
      if (s.int) {
        if (!Number.isInteger(v)) {
          out.push({ code: 'invalid_type', path, end: true });
          return v;
        }
        if (!Number.isSafeInteger(v)) {
          const safe = Number.MAX_SAFE_INTEGER;
          out.push(
            v > 0
              ? { code: 'too_big', path, origin: 'int', maximum: safe, soft: true }
              : { code: 'too_small', path, origin: 'int', minimum: -safe, soft: true },
          );
        }
      }
      bounds(out, path, 'number', v, s.min, s.max);
      return v;
    case 'bool':
      if (typeof v !== 'boolean') break;
      return v;
    case 'enum':
      if (!s.values.includes(v)) out.push({ code: 'invalid_value', path });
      return v;
    case 'arr': {
      // An array over its limit is refused before its items are looked at (as zod: no work for a huge one).
      if (Array.isArray(v) && s.max !== undefined && v.length > s.max) {
        out.push({ code: 'too_big', path, origin: 'array', maximum: s.max, end: true });
        return v;
      }
      const value = Array.isArray(v) ? v.map((item, i) => run(s.of, item, [...path, i], out)) : v;
      if (!Array.isArray(v)) out.push({ code: 'invalid_type', path });
      if (!ended(out, start)) lengths(out, path, v, s.min, s.max);
      return value;
    }
    case 'tuple': {
      if (!Array.isArray(v)) break;
      const n = s.items.length;
      if (v.length < n) {
        out.push({ code: 'too_small', path, origin: 'array', minimum: n });
        return v;
      }
      if (v.length > n) out.push({ code: 'too_big', path, origin: 'array', maximum: n });
      return s.items.map((item, i) => run(item, v[i], [...path, i], out));
    }
    case 'rec': {
      if (!isObject(v)) break;
      const value: Record<string, unknown> = {};
      for (const key of Object.keys(v)) if (key !== '__proto__') value[key] = run(s.of, v[key], [...path, key], out);
      return value;
    }
    case 'obj': {
      if (!isObject(v)) break;
      const value: Record<string, unknown> = {};
      for (const [key, node] of Object.entries(s.props)) {
        const present = key in v;
        const checked = run(node, v[key], [...path, key], out);
        if (present) value[key] = checked;
      }
      const unknown = s.strict ? Object.keys(v).filter((key) => !Object.hasOwn(s.props, key)) : [];
      if (unknown.length) out.push({ code: 'unrecognized_keys', path, keys: unknown, soft: true });
      return value;
    }
    case 'union': {
      if (!isObject(v)) break;
      const tag = v[s.key];
      const option = s.options.find((o) => {
        const d = o.k === 'obj' && Object.hasOwn(o.props, s.key) ? o.props[s.key] : undefined;
        return d?.k === 'enum' && d.values.includes(tag);
      });
      if (!option) {
        out.push({ code: 'invalid_union', path: [...path, s.key] });
        return v;
      }
      return run(option, v, path, out);
    }
  }
  out.push({ code: 'invalid_type', path });
  return v;
}

/** Everything wrong with `data` as a `shape` (an empty list when it is right). */
export function issuesOf(shape: Shape<unknown>, data: unknown): Issue[] {
  const out: Issue[] = [];
  run(shape, data, [], out);
  return out;
}

/** zod's `safeParse`, for a shape: where a widget checked with `Schema.safeParse(data)` it writes `safeParse(Shape, data)`. */
export function safeParse<T>(shape: Shape<T>, data: unknown): { success: true; data: T } | { success: false } {
  const out: Issue[] = [];
  const value = run(shape, data, [], out);
  return out.length ? { success: false } : { success: true, data: value as T };
}
