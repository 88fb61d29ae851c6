// Type check only (tsc, never run): the elements in React 19's JSX, typed by ../react.d.ts, which is
// generated from custom-elements.json. Each @ts-expect-error is a mistake the types must refuse: if
// the manifest lost a type, the directive itself would fail the check.
import type {} from '../react.js';
import type { NazarDeliveredDetail } from '../../src/index.js';

export function Page({ onCode }: { onCode: (code: string) => void }) {
  const delivered = (e: CustomEvent<NazarDeliveredDetail>) => onCode(e.detail.trackingCode);
  return (
    <main>
      <service-feedback
        service="birth-certificate"
        label="صدور شناسنامه"
        api="https://nazar.example/"
        summary
        lang="fa"
        onnazar-delivered={delivered}
      />
      <service-feedback
        service="x"
        onnazar-rejected={(e) => console.log(e.detail.problem.code, e.detail.itemId)}
        onnazar-error={(e) => console.log(e.detail.problem)}
      />
      <quick-poll poll="bus-routes" onnazar-queued={(e) => console.log(e.detail.owner)} />
      <draft-consultation consultation="budget-bylaw-1405" clause="c4" onnazar-rendered={() => undefined}>
        <p>متن پیش‌نویس</p>
      </draft-consultation>
      {/* @ts-expect-error summary is a boolean (the manifest's type), not a string */}
      <service-feedback service="x" summary="yes" />
      {/* @ts-expect-error service is a string */}
      <service-feedback service={42} />
      {/* @ts-expect-error quick-poll has no consultation */}
      <quick-poll consultation="x" />
      {/* @ts-expect-error the delivered detail has trackingCode, not code */}
      <quick-poll poll="p" onnazar-delivered={(e) => e.detail.code} />
      {/* @ts-expect-error an error's detail has no trackingCode */}
      <draft-consultation consultation="d" onnazar-error={(e: CustomEvent<NazarDeliveredDetail>) => e.detail.trackingCode} />
    </main>
  );
}
