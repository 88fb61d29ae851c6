/**
 * The store contract: what the app relies on, as one suite any store runs (the way Auth.js runs
 * one adapter suite against every adapter). `stores.test.ts` runs it against memory, SQLite and
 * PostgreSQL; what only one store promises (SQLite's query plans, pragmas, upgrades) is tested
 * beside that store instead.
 */
import { describe } from 'node:test';
import { consoleCases } from './console-cases.js';
import { consultationCases } from './consultation-cases.js';
import { feedbackCases } from './feedback-cases.js';
import { pollCases } from './poll-cases.js';
import type { ContractOptions, MakeStore } from './contract-options.js';

export type { ContractOptions, MakeStore } from './contract-options.js';

export function describeStoreContract(name: string, makeStore: MakeStore, options: ContractOptions = {}): void {
  describe(`store contract: ${name}`, { skip: options.skip }, () => {
    feedbackCases(makeStore);
    consultationCases(makeStore);
    pollCases(makeStore, options);
    consoleCases(makeStore);
  });
}
