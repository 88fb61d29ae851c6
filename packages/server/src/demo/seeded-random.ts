/**
 * mulberry32: a small, fast, deterministic generator. The one seeded PRNG of the project: the demo
 * seeds use it (the same seed gives the same demo), and `@nazar/testing` re-exports it for the
 * Outbox simulator and the benchmark data.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
