// Preparing ICU off the main thread (intl-warmup.ts): in this browser's real audio worklet, and
// every way it can fail, each of which must end with ICU prepared here, once, without an error.
import { equal } from '@nazar/testing/client-helpers';
import { prepareIntl, runInWorklet } from './intl-warmup.js';

const SHIPPED = new URL('../public/nazar-intl.js', import.meta.url).href;
const moduleOf = (source: string) => URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
const errors: string[] = [];
window.addEventListener('unhandledrejection', (e) => errors.push(String(e.reason)));

describe('preparing ICU in an audio worklet', () => {
  afterEach(() => equal(errors.join('\n'), '', 'no unhandled rejection'));

  it('runs the shipped module to its end there', async () => {
    equal(await runInWorklet(SHIPPED, OfflineAudioContext), true);
    equal(await prepareIntl(SHIPPED), 'worklet');
  });

  it('takes a module that throws halfway for a failure (addModule alone would call it loaded)', async () => {
    const halfway = moduleOf(
      `throw new Error('no Intl here');\nregisterProcessor('nazar-intl', class extends AudioWorkletProcessor { process() { return false; } });`,
    );
    equal(await runInWorklet(halfway, OfflineAudioContext), false);
    equal(await prepareIntl(halfway), 'here');
  });

  it('prepares ICU here when the module is missing', async () => {
    equal(await prepareIntl(new URL('./no-such-module.js', import.meta.url).href), 'here');
  });

  it('prepares ICU here without a worklet: no OfflineAudioContext, one without audioWorklet, one that throws', async () => {
    equal(await prepareIntl(SHIPPED, { Offline: undefined }), 'here');
    class NoWorklet {
      audioWorklet = undefined;
    }
    equal(await prepareIntl(SHIPPED, { Offline: NoWorklet as never }), 'here');
    class Refused {
      constructor() {
        throw new DOMException('not supported', 'NotSupportedError');
      }
    }
    equal(await prepareIntl(SHIPPED, { Offline: Refused as never }), 'here');
  });

  it('gives up on a worklet that does not answer in time', async () => {
    class Silent {
      audioWorklet = { addModule: () => new Promise<void>(() => {}) };
    }
    equal(await prepareIntl(SHIPPED, { Offline: Silent as never, timeoutMs: 50 }), 'here');
  });
});
