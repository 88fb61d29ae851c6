import { msg, str } from '@lit/localize';
import type { ConsultationKind, Disposition, Stance } from '@nazar/protocol/browser';

export function stanceLabel(stance: Stance): string {
  switch (stance) {
    case 'support':
      return msg('موافقم', { id: 'dc.stance.support' });
    case 'oppose':
      return msg('مخالفم', { id: 'dc.stance.oppose' });
    default:
      return msg('پیشنهاد اصلاح دارم', { id: 'dc.stance.amend' });
  }
}

export function kindLabel(kind: ConsultationKind): string {
  return kind === 'bill' ? msg('پیش‌نویس لایحه', { id: 'dc.kind.bill' }) : msg('پیش‌نویس مقررات', { id: 'dc.kind.regulation' });
}

/** "Accepted because …", as the issued text answered a comment. */
export function dispositionText(d: Disposition): string {
  const reason = d.reason;
  switch (d.outcome) {
    case 'accepted':
      return msg(str`پذیرفته شد: ${reason}`, { id: 'dc.disposition.accepted' });
    case 'partly-accepted':
      return msg(str`بخشی از آن پذیرفته شد: ${reason}`, { id: 'dc.disposition.partly' });
    case 'out-of-scope':
      return msg(str`بیرون از موضوع این پیش‌نویس: ${reason}`, { id: 'dc.disposition.out-of-scope' });
    default:
      return msg(str`پذیرفته نشد: ${reason}`, { id: 'dc.disposition.not' });
  }
}
