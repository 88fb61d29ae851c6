/**
 * The store contract (`store-contract.ts`) against every store: memory, SQLite in a file of a
 * temporary directory, PostgreSQL on the test server (`pg-test-cluster.ts`).
 */
import { MEMORY_FACTORY, PG_FACTORY, SQLITE_FACTORY } from '../support.js';
import { describeStoreContract } from './store-contract.js';

describeStoreContract('memory', MEMORY_FACTORY.open);
describeStoreContract('sqlite', SQLITE_FACTORY.open, { reopens: true });
describeStoreContract('postgres', PG_FACTORY.open, { skip: PG_FACTORY.skip, reopens: true, propertyRuns: 15 });
