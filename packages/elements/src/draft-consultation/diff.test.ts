import { assert, equal } from '@nazar/testing/client-helpers';
import { diffWords, diffTokens, edges, type DiffPart } from '@nazar/protocol/diff';

const apply = (parts: DiffPart[], side: 'before' | 'after') =>
  parts
    .filter((p) => p.kind === 'same' || p.kind === (side === 'before' ? 'removed' : 'added'))
    .map((p) => p.text)
    .join('');

describe('word diff', () => {
  it('marks whole Persian words, keeping ZWNJ words intact', () => {
    const parts = diffWords('دست‌فروشان در پیاده‌روها مستقر نشوند.', 'دست‌فروشان در بازارچه‌ها مستقر شوند.');
    equal(apply(parts, 'before'), 'دست‌فروشان در پیاده‌روها مستقر نشوند.');
    equal(apply(parts, 'after'), 'دست‌فروشان در بازارچه‌ها مستقر شوند.');
    assert(
      parts.some((p) => p.kind === 'removed' && p.text.includes('پیاده‌روها')),
      JSON.stringify(parts),
    );
    assert(
      parts.some((p) => p.kind === 'added' && p.text.includes('بازارچه‌ها')),
      JSON.stringify(parts),
    );
    assert(!parts.some((p) => p.kind !== 'same' && p.text.includes('دست‌فروشان')), 'unchanged words are not marked');
  });

  it('joins a change of several words into one removed and one added phrase', () => {
    const parts = diffWords('فعالیت در ساعت‌های مقرر مجاز است.', 'فعالیت در ساعت ۸ تا ۲۰ مجاز است.');
    equal(
      JSON.stringify(parts.filter((p) => p.kind !== 'same')),
      JSON.stringify([
        { kind: 'removed', text: 'ساعت‌های مقرر' },
        { kind: 'added', text: 'ساعت ۸ تا ۲۰' },
      ]),
    );
  });

  it('gives a marked part its edge spaces apart, so a renderer keeps them out of the mark', () => {
    const [added] = diffWords('تا بیست است.', 'تا بیست و دو است.').filter((p) => p.kind === 'added');
    equal(JSON.stringify(edges(added.text)), JSON.stringify(['', 'و دو', ' ']));
    equal(JSON.stringify(edges(' \u00a0x y  ')), JSON.stringify([' \u00a0', 'x y', '  ']));
    equal(JSON.stringify(edges('')), JSON.stringify(['', '', '']));
  });

  it('handles identical, empty and completely different texts', () => {
    equal(JSON.stringify(diffWords('یک دو', 'یک دو')), JSON.stringify([{ kind: 'same', text: 'یک دو' }]));
    equal(apply(diffWords('', 'متن تازه'), 'after'), 'متن تازه');
    equal(apply(diffWords('متن کهنه', ''), 'before'), 'متن کهنه');
    const parts = diffWords('alpha beta', 'gamma delta');
    equal(apply(parts, 'before'), 'alpha beta');
    equal(apply(parts, 'after'), 'gamma delta');
  });

  it('reconstructs both sides for random token sequences', () => {
    for (let run = 0; run < 300; run++) {
      const a = Array.from({ length: Math.floor(Math.random() * 30) }, () => 'abcde'[Math.floor(Math.random() * 5)]);
      const b = Array.from({ length: Math.floor(Math.random() * 30) }, () => 'abcde'[Math.floor(Math.random() * 5)]);
      const parts = diffTokens(a, b);
      equal(apply(parts, 'before'), a.join(''), `before ${a.join('')} → ${b.join('')}`);
      equal(apply(parts, 'after'), b.join(''), `after ${a.join('')} → ${b.join('')}`);
    }
  });

  it('finds the one changed word in a long clause', () => {
    const words = Array.from({ length: 3000 }, (_, i) => `واژه${i}`).join(' ');
    const parts = diffWords(words, words.replace('واژه1500', 'تازه'));
    equal(
      JSON.stringify(parts.filter((p) => p.kind !== 'same')),
      JSON.stringify([
        { kind: 'removed', text: 'واژه1500' },
        { kind: 'added', text: 'تازه' },
      ]),
    );
  });
});
