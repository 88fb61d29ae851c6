// Type check only (tsc, never run): the elements in Vue 3, typed by ../vue.d.ts (GlobalComponents),
// which is generated from custom-elements.json: a defineComponent render function, and the props a
// template (`<service-feedback :summary="true" @nazar-delivered="…">`) is checked against.
import type {} from '../vue.js';
import { defineComponent, h, type GlobalComponents } from 'vue';
import type { NazarDeliveredDetail } from '../../src/index.js';

type Props<K extends keyof GlobalComponents> = InstanceType<GlobalComponents[K]>['$props'];
const tag = <K extends 'service-feedback' | 'quick-poll' | 'draft-consultation'>(name: K) => name as unknown as GlobalComponents[K];

export const Page = defineComponent({
  emits: ['code'],
  setup(_props, { emit }) {
    return () =>
      h('main', [
        h(tag('service-feedback'), {
          service: 'birth-certificate',
          label: 'صدور شناسنامه',
          summary: true,
          onNazarDelivered: (e: CustomEvent<NazarDeliveredDetail>) => emit('code', e.detail.trackingCode),
        }),
        h(tag('quick-poll'), {
          poll: 'bus-routes',
          onNazarError: (e: CustomEvent<{ problem: { code: string } }>) => console.log(e.detail.problem.code),
        }),
        h(tag('draft-consultation'), { consultation: 'budget-bylaw-1405', clause: 'c4' }),
      ]);
  },
});

export const good: Props<'service-feedback'> = { service: 'x', summary: true, onNazarQueued: (e) => console.log(e.detail.itemId) };
// @ts-expect-error summary is a boolean (the manifest's type), not a string
export const wrongType: Props<'service-feedback'> = { service: 'x', summary: 'yes' };
// @ts-expect-error service is a string
export const wrongService: Props<'service-feedback'> = { service: 42 };
// @ts-expect-error the delivered detail has trackingCode, not code
export const wrongDetail: Props<'quick-poll'> = { poll: 'p', onNazarDelivered: (e) => void e.detail.code };
// @ts-expect-error a lower-case onnazar-… prop is not a Vue listener: the generated types do not offer it
export const notAListener: Props<'quick-poll'> = { poll: 'p', 'onnazar-delivered': () => undefined };
