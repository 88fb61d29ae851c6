export * from './digits.js';
export * from './tracking-code.js';
export * from './text.js';
export * from './problem.js';
export * from './schemas.js';
export * from './consultation.js';
export * from './tracking.js';
export * from './routes.js';
