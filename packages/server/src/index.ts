/**
 * `@nazar/server`: the parts that run anywhere (the app, the memory store, the store interface,
 * demo content). The SQLite store and the Node server are separate entry points
 * (`@nazar/server/sqlite-store`, `@nazar/server/node-server`) so that browser bundles never pull
 * in Node modules.
 */
export * from './app.js';
export * from './store.js';
export * from './memory-store.js';
export * from './seed.js';
export * from './consultation-rules.js';
