/**
 * `@nazar/server`: the parts that run anywhere (the app, the memory store, the store interface,
 * demo content). The SQLite store and the Node server are separate entry points
 * (`@nazar/server/sqlite-store`, `@nazar/server/node-server`) so that browser bundles never pull
 * in Node modules.
 */
export * from './http/app.js';
export * from './store/store.js';
export * from './store/memory/store.js';
export * from './demo/seed.js';
export * from './domain/consultation-rules.js';
