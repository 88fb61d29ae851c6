const hex = (b: number) => b.toString(16).padStart(2, '0');

/**
 * A random (version 4) UUID from `crypto.getRandomValues`, which unlike `crypto.randomUUID`
 * also exists on plain-http pages (many county sites are not on https).
 */
export function uuidV4(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, hex).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

let lastTime = 0;
let seq = 0;

/**
 * A time-ordered id: sorting ids as strings (IndexedDB key order) sorts them by creation time,
 * then by creation order within this page; a random tail keeps ids from two tabs apart.
 */
export function monotonicId(now: number): string {
  const t = Math.max(Math.floor(now), lastTime);
  seq = t === lastTime ? seq + 1 : 0;
  lastTime = t;
  return `${t.toString(36).padStart(10, '0')}-${seq.toString(36).padStart(4, '0')}-${uuidV4().slice(0, 8)}`;
}
