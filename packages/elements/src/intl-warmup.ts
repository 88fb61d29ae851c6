/**
 * ICU's first use in a page costs 50–100 ms of CPU on a slow phone (4× slowdown, measured in
 * Chromium): V8 builds, once per process, the sets of locales each Intl service supports, and the
 * first of them is one native call, a long task whatever else is done. Every element formats
 * numbers and dates through Intl. So another thread builds them first: ICU's caches are the
 * process's, and the page's formatters are then built in 2–3 ms (measured in Chromium; Firefox
 * takes 3–5 ms for its first use anyway). The elements wait for `intlReady()` before their first
 * Intl call (internal/config.ts): one made while the other thread is at it would wait for it on the
 * main thread.
 *
 * That thread is an AudioWorklet's, of an OfflineAudioContext that never renders a sample; its
 * module is public/nazar-intl.js. Not a Worker: a worker's script must come from the page's own
 * origin (and under Trusted Types needs a policy), while a worklet's module, like nazar.js itself,
 * may come from the adapter's origin through CORS, and the page's `script-src` already covers it.
 * Where there is no worklet (a page on plain http: worklets are for secure contexts only), or it
 * fails, is refused, or has not finished within 2 s, ICU is prepared here, a service per task.
 *
 * Imported by the loader only: it is part of nazar.js.
 */

/** The processor nazar-intl.js registers on its last line: proof that it ran to its end. */
const PROOF = 'nazar-intl';
const TIMEOUT_MS = 2000;

type OfflineContext = new (channels: number, length: number, sampleRate: number) => BaseAudioContext;

/**
 * Runs the module in an audio worklet; true once it ran to its end, false if it did not (a
 * worklet's `addModule` resolves even when the module throws halfway, so the end is proved by the
 * processor registered there); undefined where the page has no worklet.
 */
export function runInWorklet(moduleUrl: string, Offline: OfflineContext | undefined): Promise<boolean> | undefined {
  if (typeof Offline !== 'function') return undefined;
  try {
    // One channel, one frame, the lowest rate every browser accepts: it never renders.
    const context = new Offline(1, 1, 8000);
    if (!context.audioWorklet) return undefined;
    return Promise.resolve(context.audioWorklet.addModule(moduleUrl))
      .then(() => {
        new AudioWorkletNode(context, PROOF);
        return true;
      })
      .catch(() => false);
  } catch {
    return undefined;
  }
}

/** Prepares ICU on this thread, a service per task; an engine without one of them skips it. */
async function prepareHere(): Promise<void> {
  const steps = [
    () => new Intl.Locale('fa').maximize(),
    () => Intl.NumberFormat.supportedLocalesOf('fa'),
    () => Intl.DateTimeFormat.supportedLocalesOf('fa'),
  ];
  for (const step of steps) {
    await new Promise((resolve) => setTimeout(resolve));
    try {
      step();
    } catch {
      // Nothing to prepare for a service this engine lacks.
    }
  }
}

/**
 * Prepares ICU in the worklet, or here when that is not possible; says where. Never rejects.
 */
export async function prepareIntl(
  moduleUrl: string,
  options: { Offline?: OfflineContext; timeoutMs?: number } = {},
): Promise<'worklet' | 'here'> {
  // A task of its own: the loader starts the first reads in this one (up to 20 ms at 4× CPU
  // slowdown, measured), and creating the audio context takes up to 9 more.
  await new Promise((resolve) => setTimeout(resolve));
  const ran = runInWorklet(moduleUrl, 'Offline' in options ? options.Offline : globalThis.OfflineAudioContext);
  if (ran) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), options.timeoutMs ?? TIMEOUT_MS)));
    const ok = await Promise.race([ran, late]);
    clearTimeout(timer);
    if (ok) return 'worklet';
  }
  await prepareHere();
  return 'here';
}
