// The project's one seeded PRNG lives with the demo seeds (production code may not import this
// package); tests and benchmarks take it from here.
export { seededRandom } from '@nazar/server/seeded-random';
