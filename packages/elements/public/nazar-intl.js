// Loaded by nazar.js into an audio worklet (see packages/elements/src/intl-warmup.ts):
// builds the Intl services the widgets use, so ICU's first use (tens of milliseconds of native
// work on a phone, in one call) happens off the page's main thread. ICU's caches are the
// process's, so the page's own formatters are then built at once. It plays no sound and sends
// nothing anywhere: the module's evaluation is the whole job.
new Intl.Locale('fa').maximize();
new Intl.NumberFormat('fa-IR').format(1234.5);
new Intl.NumberFormat('fa-IR', { style: 'percent' }).format(0.5);
new Intl.NumberFormat('en').format(1234.5);
new Intl.DateTimeFormat('fa-IR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Asia/Tehran' }).format(0);
new Intl.DateTimeFormat('en', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Asia/Tehran' }).format(0);
new Intl.RelativeTimeFormat('fa-IR', { numeric: 'auto' }).format(-1, 'day');
new Intl.PluralRules('fa-IR').select(1);
if (typeof Intl.Segmenter === 'function') [...new Intl.Segmenter('fa-IR', { granularity: 'word' }).segment('متن')];
// The last line: its processor tells the loader that everything above ran (a worklet's module
// that throws halfway still counts as loaded).
registerProcessor('nazar-intl', class extends AudioWorkletProcessor { process() { return false; } });
