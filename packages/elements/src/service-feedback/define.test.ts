// Importing <service-feedback>'s define module registers its own tag and nothing else, and a
// second copy of it (another URL, as a second bundle would be) defines nothing and throws nothing.
// A file of its own: each test file has a page, and so a custom element registry, of its own.
import { deepEqual, equal } from '@nazar/testing/client-helpers';
import { NAZAR_TAGS, recordDefines } from '@nazar/testing/defines';

describe('service-feedback/define.ts', () => {
  it('defines only its own tag(s), and is safe to run twice', async () => {
    const first = await recordDefines(() => import('./define.js'));
    deepEqual(first.defined.sort(), ['service-feedback'].sort());
    equal(first.errors, '');
    deepEqual(
      NAZAR_TAGS.filter((tag) => customElements.get(tag)),
      NAZAR_TAGS.filter((tag) => ['service-feedback'].includes(tag)),
      'no other Nazar tag is defined',
    );
    // `as string` keeps TypeScript from resolving the query-string URL as a module.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
    const second = await recordDefines(() => import('./define.ts?copy=2' as string));
    deepEqual(second.defined, [], 'a second copy defines nothing');
    equal(second.errors, '');
  });
});
