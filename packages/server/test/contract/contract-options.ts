/** What the store contract's cases are given (a module of its own: the cases and the suite both import it). */
import type { StoreOptions } from '../../src/store/store.js';
import type { StoreUnderTest } from '../support.js';

/** Opens the store under test on fresh, empty storage. */
export type MakeStore = (options?: StoreOptions) => StoreUnderTest;

export interface ContractOptions {
  /** Why the store cannot run here (PostgreSQL without a server; never under CI). */
  skip?: string;
  /** Does the store keep its data across close and reopen (`StoreUnderTest.reopen`)? */
  reopens?: boolean;
  /** Runs of the poll counters property (default 60; fewer where each vote is a round trip). */
  propertyRuns?: number;
}
