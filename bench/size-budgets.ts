// What a county page's JavaScript may weigh (gzip -9, fa strings, every JS file the page loads,
// as Chromium fetched it). `e2e/size-budget.e2e.test.ts` fails `npm test` past any of them: bytes
// are deterministic, so this is a ratchet, not a benchmark. `aim` is where issue 15 wants each
// page; `check` is what the build reached (plus 1 % for unrelated churn) where the aim is not met
// yet. bench/RESULTS.md ("Where the bytes go") has the account of what stands between the two.
// Keeping the host page still (issue 15: the reservation state, the first render waiting for its
// read, the summary's placeholder rows) cost a widget page 0.1–0.4 KB.
export interface PageBudget {
  /** What the page holds. */
  body: string;
  /** Custom elements that must be defined before the page counts as loaded. */
  ready: string;
  aim: number;
  check: number;
}

export const LOADER_BUDGET = 2048;

export const PAGE_BUDGETS: Record<string, PageBudget> = {
  'one <service-feedback>': {
    body: '<service-feedback service="bench" label="خدمت"></service-feedback>',
    ready: 'service-feedback',
    aim: 20 * 1024,
    check: 34_600,
  },
  'one <draft-consultation>': {
    body: '<draft-consultation consultation="bench"></draft-consultation>',
    ready: 'draft-consultation',
    aim: 20 * 1024,
    check: 40_450,
  },
  'one <quick-poll>': {
    body: '<quick-poll poll="bench"></quick-poll>',
    ready: 'quick-poll',
    aim: 20 * 1024,
    check: 32_150,
  },
  'all three widgets': {
    body: '<service-feedback service="bench"></service-feedback><draft-consultation consultation="bench"></draft-consultation><quick-poll poll="bench"></quick-poll>',
    ready: 'service-feedback,draft-consultation,quick-poll',
    aim: 35 * 1024,
    check: 52_950,
  },
};
