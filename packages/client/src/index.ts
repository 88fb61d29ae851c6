export { createClient, getJson, DEFAULT_TIMEOUT_MS, type Client, type ClientOptions, type Result, type Schema } from './client.js';
export {
  createOutbox,
  DELIVERED_RETENTION_MS,
  EVICTION_WINDOW_MS,
  evictsScriptStorage,
  getOutbox,
  type Outbox,
  type ChannelLike,
  type OutboxEventMap,
  type OutboxItem,
  type OutboxOptions,
  type OutboxState,
} from './outbox/index.js';
export { backoffDelay, BACKOFF_BASE_MS, BACKOFF_CAP_MS, parseRetryAfter } from './outbox/backoff.js';
export { uuidV4 } from './ids.js';
export { prefetchJson } from './prefetch.js';
