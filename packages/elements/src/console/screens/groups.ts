import { html } from 'lit';
import { edges } from '@nazar/protocol/diff';
import { msg, str } from '@lit/localize';
import type { CommentGroup } from '@nazar/protocol';
import { num } from '../locale.js';
import { stanceName, statusName } from '../messages.js';

/**
 * The variants of a group, each with what differs from the representative marked, so the
 * moderator sees why they were grouped before acting on all of them at once.
 */
export function renderGroupVariants(group: CommentGroup, diff: (a: string, b: string) => { kind: string; text: string }[]) {
  const base = group.representative.text;
  return html`<details>
    <summary>${msg(str`${num(group.size)} نظر مشابه: نمایش گونه‌ها`, { id: 'c.groups.variants' })}</summary>
    <ol>
      ${group.members.map((m) => {
        const parts = diff(base, m.text);
        const same = parts.every((p) => p.kind === 'same');
        return html`<li>
          <span class="meta">${statusName(m.status)} · ${stanceName(m.stance)}</span>
          ${
            same
              ? html`<span class="meta">${msg('همان متن', { id: 'c.groups.same' })}</span>`
              : html`<p class="user-text">
                ${renderDiff(parts)}
              </p>`
          }
        </li>`;
      })}
    </ol>
  </details>`;
}

/** A word diff as marked text: insertions and deletions, each also said in words for a screen reader. */
export function renderDiff(parts: readonly { kind: string; text: string }[]) {
  return parts.map((p) => {
    if (p.kind !== 'added' && p.kind !== 'removed') return p.text;
    const [lead, words, trail] = edges(p.text);
    return p.kind === 'added'
      ? html`${lead}<ins><span class="visually-hidden">${msg('افزوده:', { id: 'c.issue.added' })}</span>${words}</ins>${trail}`
      : html`${lead}<del><span class="visually-hidden">${msg('حذف‌شده:', { id: 'c.issue.deleted' })}</span>${words}</del>${trail}`;
  });
}
