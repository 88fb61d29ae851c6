import { msg } from '@lit/localize';
import type { CommentStatus, DispositionOutcome, FeedbackStatus } from '@nazar/protocol/browser';

/** What became of a submission, as the tracking view says it. */
export function statusLabel(status: FeedbackStatus): string {
  switch (status) {
    case 'received':
      return msg('دریافت شده؛ در انتظار بررسی', { id: 'status.received' });
    case 'in-progress':
      return msg('در دست بررسی', { id: 'status.in-progress' });
    case 'answered':
      return msg('پاسخ داده شده', { id: 'status.answered' });
    default:
      return msg('بسته شده', { id: 'status.closed' });
  }
}

/** Moderation status of a comment on a draft. */
export function commentStatusLabel(status: CommentStatus): string {
  switch (status) {
    case 'pending':
      return msg('دریافت شده؛ در انتظار بررسی پیش از انتشار', { id: 'comment-status.pending' });
    case 'published':
      return msg('منتشر شده', { id: 'comment-status.published' });
    default:
      return msg('منتشر نشد', { id: 'comment-status.rejected' });
  }
}

/** How the issued text answered a comment. */
export function dispositionLabel(outcome: DispositionOutcome): string {
  switch (outcome) {
    case 'accepted':
      return msg('پذیرفته شد', { id: 'disposition.accepted' });
    case 'partly-accepted':
      return msg('بخشی از آن پذیرفته شد', { id: 'disposition.partly-accepted' });
    case 'out-of-scope':
      return msg('بیرون از موضوع این پیش‌نویس', { id: 'disposition.out-of-scope' });
    default:
      return msg('پذیرفته نشد', { id: 'disposition.not-accepted' });
  }
}
