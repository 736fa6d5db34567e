import type { IssueRecord } from './issues';

// Weekly QA: open issues nobody and nothing has touched for a while. An issue that stays open keeps
// its customer suppressed; when no signal has arrived for `thresholdDays`, a person should look
// (the case may be over in a way Concord could not see: a refund outside Shopify, a phone call).

const DAY = 86_400_000;

export interface StaleIssue {
  key: string;
  kind: IssueRecord['kind'];
  orderId: string | null;
  ticketId: string | null;
  customerEmail: string | null;
  reason: string;
  openedAt: Date;
  lastSignalAt: Date;
  openDays: number;
  quietDays: number;
}

export function staleIssues(
  list: readonly (IssueRecord & { customerEmail: string | null })[],
  now: Date,
  thresholdDays: number,
): StaleIssue[] {
  const limit = thresholdDays * DAY;
  return list
    .filter(
      (i) =>
        i.status === 'open' &&
        i.openedAt !== null &&
        now.getTime() - i.openedAt.getTime() > limit &&
        now.getTime() - i.lastSignalAt.getTime() > limit,
    )
    .map((i) => ({
      key: i.key,
      kind: i.kind,
      orderId: i.orderId,
      ticketId: i.ticketId,
      customerEmail: i.customerEmail,
      reason: i.reason,
      openedAt: i.openedAt!,
      lastSignalAt: i.lastSignalAt,
      openDays: Math.floor((now.getTime() - i.openedAt!.getTime()) / DAY),
      quietDays: Math.floor((now.getTime() - i.lastSignalAt.getTime()) / DAY),
    }))
    .sort((a, b) => b.quietDays - a.quietDays || (a.key < b.key ? -1 : 1));
}
