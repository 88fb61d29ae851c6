/**
 * The store contract: what the app relies on, as one suite any store runs (the way Auth.js runs
 * one adapter suite against every adapter). `stores.test.ts` runs it against memory, SQLite and
 * PostgreSQL; what only one store promises (SQLite's query plans, pragmas, upgrades) is tested
 * beside that store instead.
 */
import { describe } from 'node:test';
import type { StoreOptions } from '../../src/store/store.js';
import type { StoreUnderTest } from '../support.js';
import { consultationCases } from './consultation-cases.js';
import { feedbackCases } from './feedback-cases.js';
import { pollCases } from './poll-cases.js';

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

export function describeStoreContract(name: string, makeStore: MakeStore, options: ContractOptions = {}): void {
  describe(`store contract: ${name}`, { skip: options.skip }, () => {
    feedbackCases(makeStore);
    consultationCases(makeStore);
    pollCases(makeStore, options);
  });
}
