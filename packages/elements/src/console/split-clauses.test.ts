// The pasted-draft splitter, in the browsers the console runs in (their RegExp and Unicode).
import { assert, equal } from '@nazar/testing/client-helpers';
import { clauseMarker, splitClauses } from './split-clauses.js';

describe('splitClauses', () => {
  it('splits a Persian regulation by ماده, تبصره and بند, keeping the preamble apart', () => {
    const draft = [
      'آیین‌نامهٔ ساماندهی دست‌فروشان',
      'به استناد بند ۳ قانون شهرداری‌ها',
      '',
      'ماده ۱ - تعاریف: در این آیین‌نامه واژه‌ها به معنای زیرند.',
      'الف) شهرداری: شهرداری شهرستان.',
      'ب) بازارچه: محل موقت فروش.',
      'ماده ۲: ساعت کار از ۸ تا ۲۰ است.',
      'تبصره: در ماه رمضان تا ۲۲.',
      'تبصره ۲ - روزهای تعطیل بسته است.',
      'ماده سوم',
      'متن ماده سوم در سطر بعد.',
      'بند الف - نخستین بند.',
    ].join('\n');
    const { preamble, clauses } = splitClauses(draft);
    equal(preamble, 'آیین‌نامهٔ ساماندهی دست‌فروشان\nبه استناد بند ۳ قانون شهرداری‌ها', 'the preamble (a «بند ۳» mid-line is not a clause)');
    equal(clauses.map((c) => c.heading).join('|'), 'ماده ۱|الف|ب|ماده ۲|تبصره|تبصره ۲|ماده سوم|بند الف', 'every marker opens a clause');
    equal(clauses[0].text, 'تعاریف: در این آیین‌نامه واژه‌ها به معنای زیرند.', 'the separator after the marker is dropped');
    equal(clauses[6].text, 'متن ماده سوم در سطر بعد.', 'a heading alone on its line takes the next lines');
  });

  it('splits numbered lists in Persian, Arabic-Indic and ASCII digits, but not dates or decimals', () => {
    const { clauses, preamble } = splitClauses('مقدمه\n۱. نخست\n2) دوم\n٣- سوم\n۱۴۰۳/۰۵/۰۱ تاریخ اجرا\n2.5 درصد');
    equal(preamble, 'مقدمه', 'the preamble');
    equal(clauses.length, 3, `three clauses: ${JSON.stringify(clauses)}`);
    equal(clauses[2].text, 'سوم\n۱۴۰۳/۰۵/۰۱ تاریخ اجرا\n2.5 درصد', 'a date and a decimal stay in the text');
  });

  it('reads a marker after bidi marks and indentation, and leaves plain prose alone', () => {
    assert(clauseMarker('\u200F  ماده ۱۲ — متن') !== null, 'an RLM and spaces before the marker');
    equal(clauseMarker('ماده ۱۲ — متن')?.rest, 'متن', 'the rest of the line');
    equal(clauseMarker('مادهٔ این قانون روشن است'), null, 'a sentence that starts with «ماده»');
    equal(clauseMarker('بندر عباس'), null, '«بندر» is not «بند»');
    equal(splitClauses('فقط یک پاراگراف').clauses.length, 0, 'no clauses in unnumbered text');
  });

  it('normalises Windows line ends and squeezes blank runs', () => {
    const { clauses } = splitClauses('ماده ۱\r\nیک\r\n\r\n\r\n\r\nدو');
    equal(clauses[0].text, 'یک\n\nدو', 'CRLF and four blank lines');
  });
});
