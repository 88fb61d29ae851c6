import { createStrictStore, idbItemStore, memoryItemStore, type ItemStore } from './item-store.js';
import { assert, deepEqual, equal, readRawStore, uniqueName } from '@nazar/testing/client-helpers';

interface Rec {
  id: string;
  n: number;
}

function contract(label: string, make: () => ItemStore<Rec>) {
  describe(`${label} item store`, () => {
    it('puts, gets, deletes and lists in key order', async () => {
      const s = make();
      await s.put({ id: 'b', n: 2 });
      await s.put({ id: 'a', n: 1 });
      await s.put({ id: 'c', n: 3 });
      deepEqual(await s.get('a'), { id: 'a', n: 1 });
      equal(await s.get('zz'), undefined);
      deepEqual(
        (await s.all()).map((r) => r.id),
        ['a', 'b', 'c'],
      );
      await s.del('b');
      deepEqual(
        (await s.all()).map((r) => r.id),
        ['a', 'c'],
      );
    });

    it('updates atomically, and never resurrects a deleted item', async () => {
      const s = make();
      await s.put({ id: 'a', n: 1 });
      const next = await s.update('a', (cur) => ({ ...cur, n: cur.n + 1 }));
      deepEqual(next, { id: 'a', n: 2 });
      deepEqual(await s.get('a'), { id: 'a', n: 2 });
      equal(await s.update('a', () => undefined), undefined);
      deepEqual(await s.get('a'), { id: 'a', n: 2 });
      equal(await s.update('gone', (cur) => cur), undefined);
      equal(await s.get('gone'), undefined);
    });

    it('hands out copies, not its own objects', async () => {
      const s = make();
      const r = { id: 'a', n: 1 };
      await s.put(r);
      r.n = 99;
      const got = (await s.get('a'))!;
      equal(got.n, 1);
      got.n = 42;
      equal((await s.get('a'))!.n, 1);
    });
  });
}

contract('IndexedDB', () => idbItemStore<Rec>(createStrictStore(uniqueName('store'))));
contract('memory', () => memoryItemStore<Rec>());

describe('createStrictStore', () => {
  it('writes where a plain IndexedDB reader sees it', async () => {
    const name = uniqueName('raw');
    const s = idbItemStore<Rec>(createStrictStore(name));
    await s.put({ id: 'x', n: 7 });
    deepEqual(await readRawStore(name), [{ id: 'x', n: 7 }]);
  });

  it('adds its object store to an existing database that lacks it', async () => {
    const name = uniqueName('other');
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.open(name);
      req.onupgradeneeded = () => req.result.createObjectStore('drafts');
      req.onsuccess = () => {
        req.result.close();
        resolve();
      };
      req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
    });
    const s = idbItemStore<Rec>(createStrictStore(name));
    await s.put({ id: 'x', n: 1 });
    deepEqual(await readRawStore(name), [{ id: 'x', n: 1 }]);
    deepEqual(await readRawStore(name, 'drafts'), []);
  });

  it('lets another connection upgrade the database, then reopens', async () => {
    const name = uniqueName('upgrade');
    const s = idbItemStore<Rec>(createStrictStore(name));
    await s.put({ id: 'a', n: 1 });
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.open(name, 5);
      req.onupgradeneeded = () => req.result.createObjectStore('other');
      req.onsuccess = () => {
        req.result.close();
        resolve();
      };
      req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
      req.onblocked = () => reject(new Error('blocked: the store did not close on versionchange'));
    });
    await s.put({ id: 'b', n: 2 });
    deepEqual(
      (await s.all()).map((r) => r.id),
      ['a', 'b'],
    );
  });

  it('rejects (so the outbox can fall back) when IndexedDB cannot be opened', async () => {
    const broken = {
      open() {
        throw new DOMException('A mutation operation was attempted on a database that did not allow mutations.', 'InvalidStateError');
      },
    } as unknown as IDBFactory;
    const s = idbItemStore<Rec>(createStrictStore(uniqueName('broken'), 'outbox', broken));
    let failed = false;
    await s.put({ id: 'a', n: 1 }).catch(() => (failed = true));
    assert(failed, 'put should reject');
  });
});
