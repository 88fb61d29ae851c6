/**
 * Word-level diff between a clause's draft text and its final text, for citizens to see what
 * changed. Words come from Intl.Segmenter (it keeps «می‌خواهم» and «کتاب‌ها» whole); the diff is
 * Myers' O(ND) algorithm on those tokens, so a long clause with a small change stays cheap.
 */
export type DiffPart = { kind: 'same' | 'added' | 'removed'; text: string };

export function tokenize(text: string, locale = 'fa'): string[] {
  if (typeof Intl !== 'undefined' && 'Segmenter' in Intl) {
    return [...new Intl.Segmenter(locale, { granularity: 'word' }).segment(text)].map((s) => s.segment);
  }
  return text.split(/(\s+)/).filter(Boolean);
}

/** The edit script from `a` to `b` (token arrays), as runs of same/removed/added tokens. */
export function diffTokens(a: readonly string[], b: readonly string[]): DiffPart[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  trace.push(v.slice());
  // Walk back through the saved frontiers to recover the path.
  const parts: DiffPart[] = [];
  const push = (kind: DiffPart['kind'], text: string) => {
    const last = parts[parts.length - 1];
    if (last && last.kind === kind) last.text = text + last.text;
    else parts.push({ kind, text });
  };
  let x = n;
  let y = m;
  for (let d = trace.length - 2; d >= 0 && (x > 0 || y > 0); d--) {
    const frontier = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && frontier[offset + k - 1] < frontier[offset + k + 1]) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : frontier[offset + prevK];
    const prevY = prevX - prevK;
    while (x > Math.max(prevX, 0) && y > Math.max(prevY, 0) && a[x - 1] === b[y - 1]) {
      push('same', a[x - 1]);
      x--;
      y--;
    }
    if (d === 0) break;
    if (x === prevX) push('added', b[y - 1]);
    else push('removed', a[x - 1]);
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0 && a[x - 1] === b[y - 1]) {
    push('same', a[x - 1]);
    x--;
    y--;
  }
  return parts.reverse();
}

/**
 * Word diff of two texts. A change inside a word is shown as the whole word removed and added:
 * marking part of a Persian word would break its letters' joins.
 */
export function diffWords(before: string, after: string, locale = 'fa'): DiffPart[] {
  return tidy(diffTokens(tokenize(before, locale), tokenize(after, locale)));
}

/**
 * Reads better: a space shared between two changes joins them, and each run of changes becomes one
 * removed phrase followed by one added phrase (not an underlined lone space between two words).
 */
export function tidy(parts: readonly DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  let removed = '';
  let added = '';
  const flush = () => {
    // Spaces at the edges of a change that both sides share belong to the unchanged text.
    const lead = removed && added ? commonEdge(removed, added, /^\s+/) : '';
    const trail = removed && added ? commonEdge(removed, added, /\s+$/) : '';
    if (lead) out.push({ kind: 'same', text: lead });
    const r = removed.slice(lead.length, removed.length - trail.length);
    const a = added.slice(lead.length, added.length - trail.length);
    if (r) out.push({ kind: 'removed', text: r });
    if (a) out.push({ kind: 'added', text: a });
    if (trail) out.push({ kind: 'same', text: trail });
    removed = added = '';
  };
  parts.forEach((part, i) => {
    const between = i > 0 && i < parts.length - 1 && parts[i - 1].kind !== 'same' && parts[i + 1].kind !== 'same';
    if (part.kind === 'same' && !(between && !part.text.trim())) {
      flush();
      out.push({ ...part });
    } else if (part.kind === 'same') {
      removed += part.text;
      added += part.text;
    } else if (part.kind === 'removed') removed += part.text;
    else added += part.text;
  });
  flush();
  // Neighbours of one kind (an edge space moved out beside unchanged text) are one part.
  const merged: DiffPart[] = [];
  for (const part of out) {
    const last = merged.at(-1);
    if (last && last.kind === part.kind) last.text += part.text;
    else merged.push(part);
  }
  return merged;
}

/**
 * A marked part's text as [spaces before, the words, spaces after]: a renderer puts the spaces
 * outside the mark (a lone addition carries the space it needs, which underlined looks like a gap
 * glued to the next word), keeping the text exactly as it is.
 */
export function edges(text: string): [string, string, string] {
  const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(text)!;
  return [m[1], m[2], m[3]];
}

function commonEdge(a: string, b: string, edge: RegExp): string {
  const x = a.match(edge)?.[0] ?? '';
  const y = b.match(edge)?.[0] ?? '';
  return x === y ? x : '';
}
