/**
 * `@nazar/protocol/browser`: the contract without zod, for the widgets and the client. The same
 * vocabulary, routes, codes and text rules as the main entry; the answers and bodies are checked
 * by small shapes (`check/shapes.ts`) proven equal to the zod schemas by `check/equivalence.test.ts`.
 * A widget page never loads zod (the import rules in lint/dependency-cruiser.cjs keep it so).
 */
export * from './digits.js';
export * from './tracking-code.js';
export * from './text.js';
export * from './problem.js';
export * from './vocabulary.js';
export * from './routes.js';
export * from './check/field-errors.js';
export { issuesOf, safeParse, type Issue, type Shape } from './check/shape.js';
export * from './check/shapes.js';
export * from './check/rules.js';
